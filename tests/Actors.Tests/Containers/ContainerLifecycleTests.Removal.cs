using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Registry;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Containers;

// Removal, names and waits: rm with and without force, rename, the three wait conditions, --rm.
public sealed partial class ContainerLifecycleTests
{
    [Fact]
    public async Task Remove_of_a_running_container_without_force_is_a_conflict_and_leaves_it_running()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");

        var reply = await daemon.AskAsync("web", new RemoveContainer());

        Assert.Equal(new Rejected(ErrorKind.Conflict,
            "cannot remove container \"/web\": container is running: stop the container before removing or force remove"), reply);
        Assert.Equal(ContainerStatus.Running, (await daemon.InspectAsync("web")).Status);
        Assert.True(_world.Runtime.IsRunning(id));
    }

    [Fact]
    public async Task Force_remove_of_a_running_container_removes_it_and_frees_its_name_at_once()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");

        var reply = await daemon.AskAsync("web", new RemoveContainer(Force: true));
        var again = await daemon.CreateAsync("web");

        Assert.Equal(new Done(id), reply);
        Assert.Equal(new Rejected(ErrorKind.NotFound, $"No such container: {id}"), await daemon.AskAsync(id, new InspectContainer()));
        Assert.NotEqual(id, again.Id);
        Assert.Equal("web", again.Name);
        Assert.False(_world.Runtime.IsRunning(id));
        Assert.Empty(_world.Network.Allocated);
        Assert.Empty(_world.Runtime.Bundles);
        Assert.False(_world.Layers.Layers.ContainsKey(id));
        Assert.False(_world.Layers.Mounted.ContainsKey(id));
    }

    [Fact]
    public async Task A_command_for_an_unknown_container_is_not_found()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);

        var reply = await daemon.AskAsync("nope", new StartContainer());

        Assert.Equal(new Rejected(ErrorKind.NotFound, "No such container: nope"), reply);
    }

    [Fact]
    public async Task Rename_moves_lookup_to_the_new_name_and_the_old_name_is_not_found()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("old");

        var reply = await daemon.AskAsync("old", new RenameContainer("new"));

        Assert.Equal(new Done(created.Id), reply);
        var renamed = await daemon.InspectAsync("new");
        Assert.Equal(created.Id, renamed.Id);
        Assert.Equal("new", renamed.Name);
        Assert.Equal(new Rejected(ErrorKind.NotFound, "No such container: old"), await daemon.AskAsync("old", new InspectContainer()));
    }

    [Fact]
    public async Task Rename_to_a_taken_name_is_a_conflict_naming_the_holder()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await daemon.CreateAsync("web");
        var holder = await daemon.CreateAsync("db");

        var reply = await daemon.AskAsync("web", new RenameContainer("db"));

        Assert.Equal(new Rejected(ErrorKind.Conflict,
            $"Conflict. The container name \"/db\" is already in use by container \"{holder.Id}\". " +
            "You have to remove (or rename) that container to be able to reuse that name."), reply);
        Assert.Equal("web", (await daemon.InspectAsync("web")).Name);
    }

    [Fact]
    public async Task Rename_to_the_same_name_is_an_invalid_parameter()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await daemon.CreateAsync("web");

        var reply = await daemon.AskAsync("web", new RenameContainer("web"));

        Assert.Equal(new Rejected(ErrorKind.InvalidParameter, "Renaming a container with the same name as its current name"), reply);
    }

    [Fact]
    public async Task Wait_not_running_on_an_exited_container_answers_at_once_with_its_exit_code()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await RunningAsync(daemon, "web");
        await daemon.AskAsync("web", new StopContainer());

        var reply = await daemon.AskAsync("web", new WaitContainer(WaitCondition.NotRunning));

        Assert.Equal(new WaitCompleted(143, null), reply);
    }

    [Fact]
    public async Task Wait_next_exit_answers_when_the_process_exits_by_itself()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");

        var wait = await WaitRegisteredAsync(daemon, "web", WaitCondition.NextExit);
        Assert.False(wait.IsCompleted);
        _world.Runtime.ExitTask(id, 3);

        Assert.Equal(new WaitCompleted(3, null), await wait);
    }

    [Fact]
    public async Task Wait_removed_answers_when_the_container_is_removed()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web");

        var wait = await WaitRegisteredAsync(daemon, "web", WaitCondition.Removed);
        Assert.False(wait.IsCompleted);
        var removed = await daemon.AskAsync("web", new RemoveContainer());

        Assert.Equal(new Done(created.Id), removed);
        Assert.Equal(new WaitCompleted(0, null), await wait);
    }

    [Fact]
    public async Task An_auto_remove_container_is_removed_once_its_process_exits()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web", new HostConfig { AutoRemove = true });
        await daemon.AskAsync("web", new StartContainer());

        var wait = await WaitRegisteredAsync(daemon, "web", WaitCondition.Removed);
        _world.Runtime.ExitTask(created.Id, 0);

        Assert.Equal(new WaitCompleted(0, null), await wait);
        await UntilUnknownAsync(daemon, created.Id);
        Assert.Equal(new Rejected(ErrorKind.NotFound, "No such container: web"), await daemon.AskAsync("web", new InspectContainer()));
        Assert.False(_world.Layers.Layers.ContainsKey(created.Id));
        Assert.Empty(_world.Network.Allocated);
    }

    [Fact]
    public async Task A_run_releases_its_network_and_rootfs_while_its_task_is_still_being_deleted_and_a_waiter_hears_after_all()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");
        var hold = new TaskCompletionSource();
        _world.Runtime.HoldDelete = hold;

        var wait = await WaitRegisteredAsync(daemon, "web", WaitCondition.NextExit);
        _world.Runtime.ExitTask(id, 7);
        var releasing = await daemon.UntilAsync("web", s => !s.HoldsNetwork && !s.HoldsRootfs);
        var waitedEarly = wait.IsCompleted;
        hold.SetResult();

        Assert.True(releasing.HoldsTask);
        Assert.False(waitedEarly);
        Assert.Equal(new WaitCompleted(7, null), await wait);
        Assert.False((await daemon.InspectAsync("web")).HoldsAnything);
        Assert.False(_world.Network.Allocated.ContainsKey(id));
    }

    [Fact]
    public async Task An_rm_while_an_auto_remove_container_is_releasing_its_run_is_refused_as_already_in_progress()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web", new HostConfig { AutoRemove = true });
        await daemon.AskAsync("web", new StartContainer());
        var hold = new TaskCompletionSource();
        _world.Network.HoldRelease = hold;

        var wait = await WaitRegisteredAsync(daemon, "web", WaitCondition.Removed);
        _world.Runtime.ExitTask(created.Id, 0);
        await daemon.UntilAsync("web", s => s.Status == ContainerStatus.Removing && !s.HoldsTask && !s.HoldsRootfs);
        var remove = await daemon.AskAsync("web", new RemoveContainer(Force: true));
        var waitedEarly = wait.IsCompleted;
        hold.SetResult();

        Assert.Equal(new Rejected(ErrorKind.Conflict, "removal of container web is already in progress"), remove);
        Assert.False(waitedEarly);
        Assert.Equal(new WaitCompleted(0, null), await wait);
        await UntilUnknownAsync(daemon, created.Id);
        Assert.Empty(_world.Network.Allocated);
    }

    /// <summary>The stop reaches the container after the rm and waits behind it; once the container is
    /// gone it must still get an answer, not silence until the caller's timeout.</summary>
    [Fact]
    public async Task A_command_queued_behind_a_removal_is_answered_not_found()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web");

        var remove = daemon.AskAsync("web", new RemoveContainer());
        var stop = daemon.Host.Registry.Ask<object>(new ContainerRequest("web", new StopContainer()), TimeSpan.FromSeconds(3));

        Assert.Equal(new Done(created.Id), await remove);
        var refusal = Assert.IsType<Rejected>(await stop);
        Assert.Equal(ErrorKind.NotFound, refusal.Kind);
        Assert.StartsWith("No such container: ", refusal.Message);
    }

    /// <summary>Sends a wait, then an inspect down the same path: once the inspect is answered, the
    /// container has registered the wait (told one after the other, they keep their order on the way).</summary>
    private static async Task<Task<object>> WaitRegisteredAsync(TestDaemon daemon, string reference, WaitCondition condition)
    {
        var wait = daemon.AskAsync(reference, new WaitContainer(condition));
        await daemon.InspectAsync(reference);
        return wait;
    }

    /// <summary>Polls the registry (which answers itself, never forwarding) until it no longer knows the id.</summary>
    private static async Task UntilUnknownAsync(TestDaemon daemon, string id)
    {
        var deadline = DateTime.UtcNow + TestDaemon.Timeout;
        while (await daemon.Host.Registry.Ask<object>(new ResolveContainer(id), TestDaemon.Timeout) is not Rejected)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the registry still knows {id}");
            await Task.Delay(10);
        }
    }
}
