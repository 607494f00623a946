using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Registry;
using Berth.Actors.Tests.Containers;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;
using Microsoft.Data.Sqlite;

namespace Berth.Actors.Tests.Recovery;

/// <summary>
/// Stopping the actor system and starting another on the same journal (and the same fake OS, whose
/// processes keep running) gives every container back exactly; a crash in the middle of a sequence
/// is finished or undone at recovery; a container actor restarted by its supervisor comes back as it was.
/// </summary>
public sealed class RecoveryTests : IClassFixture<JournalWarmup>
{
    private static HostConfig Policy(string name) => new() { RestartPolicy = new RestartPolicy(name) };

    /// <summary>One container in each status a daemon can leave behind, and one removed.</summary>
    private static async Task<(IReadOnlyList<string> Live, string Removed)> ZooAsync(TestWorld world, TestDaemon daemon)
    {
        var created = (await daemon.CreateAsync("created")).Id;

        var running = (await daemon.CreateAsync("running", Policy("unless-stopped"))).Id;
        Assert.IsType<Done>(await daemon.AskAsync(running, new StartContainer()));

        var paused = (await daemon.CreateAsync("paused")).Id;
        Assert.IsType<Done>(await daemon.AskAsync(paused, new StartContainer()));
        Assert.IsType<Done>(await daemon.AskAsync(paused, new PauseContainer()));

        var stopped = (await daemon.CreateAsync("stopped", Policy("unless-stopped"))).Id;
        Assert.IsType<Done>(await daemon.AskAsync(stopped, new StartContainer()));
        Assert.IsType<Done>(await daemon.AskAsync(stopped, new StopContainer(1)));

        var exited = (await daemon.CreateAsync("exited")).Id;
        Assert.IsType<Done>(await daemon.AskAsync(exited, new StartContainer()));
        world.Runtime.ExitTask(exited, 3);
        await daemon.UntilAsync(exited, s => s.Status == ContainerStatus.Exited && !s.HoldsAnything);

        // With the virtual scheduler the restart never comes due, so it stays restarting.
        var restarting = (await daemon.CreateAsync("restarting", Policy("always"))).Id;
        Assert.IsType<Done>(await daemon.AskAsync(restarting, new StartContainer()));
        world.Runtime.ExitTask(restarting, 1);
        await daemon.UntilAsync(restarting, s => s.Status == ContainerStatus.Restarting);

        var failed = (await daemon.CreateAsync("failed")).Id;
        world.Runtime.FailNext["start task"] = "exec format error";
        Assert.IsType<Rejected>(await daemon.AskAsync(failed, new StartContainer()));

        var dead = (await daemon.CreateAsync("dead")).Id;
        world.Layers.FailNext["remove rw layer"] = "device or resource busy";
        Assert.IsType<Rejected>(await daemon.AskAsync(dead, new RemoveContainer()));

        var renamed = (await daemon.CreateAsync("before-rename")).Id;
        Assert.IsType<Done>(await daemon.AskAsync(renamed, new RenameContainer("after-rename")));

        var removed = (await daemon.CreateAsync("removed")).Id;
        Assert.IsType<Done>(await daemon.AskAsync(removed, new StartContainer()));
        Assert.IsType<Done>(await daemon.AskAsync(removed, new RemoveContainer(Force: true)));

        IReadOnlyList<string> live = [created, running, paused, stopped, exited, restarting, failed, dead, renamed];
        foreach (var id in live) await daemon.SettledAsync(id);
        return (live, removed);
    }

    private static async Task<Dictionary<string, string>> StatesAsync(TestDaemon daemon, IEnumerable<string> ids)
    {
        var states = new Dictionary<string, string>();
        foreach (var id in ids)
            states[id] = StateJson.Of(await daemon.SettledAsync(id) ?? throw new InvalidOperationException($"{id} is gone"));
        return states;
    }

    private static async Task AssertSameContainersAfterRestartAsync(TestWorld world)
    {
        Dictionary<string, string> before;
        IReadOnlyDictionary<string, string> listedBefore;
        string removed;
        IReadOnlyList<string> live;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            (live, removed) = await ZooAsync(world, first);
            before = await StatesAsync(first, live);
            listedBefore = StateJson.Of(await first.ListAllAsync());
        }
        var startsBefore = world.Runtime.StartCount;

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var after = await StatesAsync(daemon, live);
        var listedAfter = StateJson.Of(await daemon.ListAllAsync());

        foreach (var id in live) Assert.Equal(before[id], after[id]);
        Assert.Equal(listedBefore.OrderBy(kv => kv.Key), listedAfter.OrderBy(kv => kv.Key));
        Assert.DoesNotContain(removed, listedAfter.Keys);
        Assert.IsType<Rejected>(await daemon.AskAsync(removed, new InspectContainer()));
        Assert.Equal(startsBefore, world.Runtime.StartCount);
    }

    [Fact]
    public async Task Every_container_comes_back_with_an_identical_state_after_a_daemon_restart()
    {
        using var world = new TestWorld(new ManualClock());

        await AssertSameContainersAfterRestartAsync(world);
    }

    [Fact]
    public async Task Every_container_comes_back_identical_from_a_snapshot_plus_the_events_after_it()
    {
        using var world = new TestWorld(new ManualClock(), snapshotEvery: 3);

        await AssertSameContainersAfterRestartAsync(world);

        Assert.True(ContainerSnapshotRows(world) > 0, "no container snapshot was saved, so the test did not recover from one");
    }

    private static long ContainerSnapshotRows(TestWorld world)
    {
        using var connection = new SqliteConnection($"Data Source={world.JournalPath};Pooling=False");
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%snapshot%'";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
            while (reader.Read()) names.Add(reader.GetString(0));
        long rows = 0;
        foreach (var name in names)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{name}\" WHERE persistence_id LIKE 'container-%'";
            rows += (long)count.ExecuteScalar()!;
        }
        return rows;
    }

    [Fact]
    public async Task A_crash_while_allocating_the_network_leaves_a_created_container_that_holds_nothing()
    {
        using var world = new TestWorld();
        string id;
        var hold = new TaskCompletionSource();
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("web")).Id;
            world.Network.HoldAllocate = hold;
            first.Host.Registry.Tell(new ContainerRequest(id, new StartContainer()));
            await first.UntilAsync(id, s => s.StartInProgress);
        }
        world.Network.HoldAllocate = null;
        hold.SetResult();

        await using var daemon = await TestDaemon.StartAsync(world);
        var state = await daemon.SettledAsync(id);

        Assert.NotNull(state);
        Assert.Equal(ContainerStatus.Created, state.Status);
        Assert.False(state.StartInProgress);
        Assert.Equal(128, state.ExitCode);
        Assert.NotEqual("", state.Error);
        Assert.False(state.HoldsAnything);
        Assert.False(world.Network.Allocated.ContainsKey(id));
        Assert.False(world.Layers.Mounted.ContainsKey(id));
        Assert.False(world.Runtime.Bundles.ContainsKey(id));
        Assert.Equal(0, world.Runtime.StartCount);
        Assert.True(world.Layers.Layers.ContainsKey(id));
    }

    [Fact]
    public async Task A_crash_while_starting_the_task_releases_what_the_start_had_acquired()
    {
        using var world = new TestWorld();
        string id;
        var hold = new TaskCompletionSource();
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("web")).Id;
            Assert.IsType<Done>(await first.AskAsync(id, new StartContainer()));
            Assert.IsType<Done>(await first.AskAsync(id, new StopContainer(1)));
            world.Runtime.HoldStart = hold;
            first.Host.Registry.Tell(new ContainerRequest(id, new StartContainer()));
            var halfway = await first.UntilAsync(id, s => s.Bundle is not null);
            Assert.True(halfway.HoldsAnything);
            Assert.True(world.Network.Allocated.ContainsKey(id));
            Assert.True(world.Layers.Mounted.ContainsKey(id));
        }
        world.Runtime.HoldStart = null;
        hold.SetResult();

        await using var daemon = await TestDaemon.StartAsync(world);
        var state = await daemon.SettledAsync(id);
        var leftovers = (world.Network.Allocated.ContainsKey(id), world.Layers.Mounted.ContainsKey(id), world.Runtime.Bundles.ContainsKey(id));
        var restarted = await daemon.AskAsync(id, new StartContainer());

        Assert.NotNull(state);
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(128, state.ExitCode);
        Assert.NotEqual("", state.Error);
        Assert.False(state.HoldsAnything);
        Assert.Null(state.Network);
        Assert.Null(state.Bundle);
        Assert.Equal((false, false, false), leftovers);
        Assert.IsType<Done>(restarted);
        Assert.Equal(2, world.Runtime.StartCount);
    }

    [Fact]
    public async Task A_crash_while_the_restart_policy_was_starting_the_container_leaks_nothing()
    {
        using var world = new TestWorld(new ManualClock());
        string id;
        var hold = new TaskCompletionSource();
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            id = (await first.CreateAsync("web", Policy("on-failure"))).Id;
            Assert.IsType<Done>(await first.AskAsync(id, new StartContainer()));
            world.Runtime.HoldStart = hold;
            world.Runtime.ExitTask(id, 1);
            await first.UntilAsync(id, s => s.Status == ContainerStatus.Restarting);
            first.VirtualScheduler.Advance(TimeSpan.FromMilliseconds(100));
            var halfway = await first.UntilAsync(id, s => s.Bundle is not null);
            Assert.True(halfway.StartInProgress);
            Assert.True(world.Network.Allocated.ContainsKey(id));
        }
        world.Runtime.HoldStart = null;
        hold.SetResult();

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var recovered = await daemon.SettledAsync(id);
        var stop = await daemon.AskAsync(id, new StopContainer(1));
        var stopped = await daemon.SettledAsync(id);

        Assert.NotNull(recovered);
        Assert.False(recovered.StartInProgress, $"still starting after recovery: {recovered.Status}");
        Assert.Equal(recovered.IsRunning, recovered.HoldsAnything);
        Assert.NotNull(stopped);
        Assert.Equal(ContainerStatus.Exited, stopped.Status);
        Assert.False(stopped.StartInProgress);
        Assert.False(stopped.HoldsAnything);
        Assert.False(world.Network.Allocated.ContainsKey(id), "the network of the interrupted start leaked");
        Assert.False(world.Layers.Mounted.ContainsKey(id), "the rootfs of the interrupted start leaked");
        Assert.False(world.Runtime.Bundles.ContainsKey(id), "the bundle of the interrupted start leaked");
        Assert.False(world.Runtime.IsRunning(id));
        Assert.IsType<Done>(stop);
    }

    [Fact]
    public async Task A_rename_the_container_had_not_journaled_before_a_crash_is_caught_up_at_recovery()
    {
        using var world = new TestWorld();
        string id;
        var hold = new TaskCompletionSource();
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("old-name")).Id;
            world.Network.HoldAllocate = hold;
            first.Host.Registry.Tell(new ContainerRequest(id, new StartContainer()));
            await first.UntilAsync(id, s => s.StartInProgress);
            // The container is busy starting: it stashes the rename the registry has already journaled.
            first.Host.Registry.Tell(new ContainerRequest(id, new RenameContainer("new-name")));
            var stashed = await first.UntilAsync("new-name", _ => true);
            Assert.Equal("old-name", stashed.Name);
        }
        world.Network.HoldAllocate = null;
        hold.SetResult();

        await using var daemon = await TestDaemon.StartAsync(world);
        var state = await daemon.SettledAsync(id);
        var byOldName = await daemon.AskAsync("old-name", new InspectContainer());
        var listed = (await daemon.ListAllAsync()).Single(s => s.Id == id);

        Assert.NotNull(state);
        Assert.Equal("new-name", state.Name);
        Assert.Equal("new-name", listed.Name);
        Assert.IsType<Rejected>(byOldName);
    }

    [Fact]
    public async Task A_crash_in_the_middle_of_a_removal_is_finished_at_recovery()
    {
        using var world = new TestWorld();
        string id;
        var hold = new TaskCompletionSource();
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("web")).Id;
            Assert.IsType<Done>(await first.AskAsync(id, new StartContainer()));
            world.Layers.HoldRemove = hold;
            first.Host.Registry.Tell(new ContainerRequest(id, new RemoveContainer(Force: true)));
            await first.UntilAsync(id, s => s.Status == ContainerStatus.Removing && !s.HoldsAnything);
            Assert.True(world.Layers.Layers.ContainsKey(id));
        }
        world.Layers.HoldRemove = null;
        hold.SetResult();

        await using var daemon = await TestDaemon.StartAsync(world);
        await UntilUnregisteredAsync(daemon, id);
        var listed = await daemon.ListAllAsync();
        var again = await daemon.CreateAsync("web");
        var inspect = await daemon.AskAsync(id, new InspectContainer());

        Assert.Equal(new Rejected(ErrorKind.NotFound, $"No such container: {id}"), inspect);
        Assert.DoesNotContain(listed, s => s.Id == id);
        Assert.False(world.Layers.Layers.ContainsKey(id));
        Assert.False(world.Network.Allocated.ContainsKey(id));
        Assert.False(world.Runtime.IsRunning(id));
        Assert.NotEqual(id, again.Id);
    }

    [Fact]
    public async Task An_exited_auto_remove_container_found_at_daemon_start_is_removed_as_docker_restores()
    {
        using var world = new TestWorld();
        string id;
        var hold = new TaskCompletionSource();
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("web", new HostConfig { AutoRemove = true })).Id;
            Assert.IsType<Done>(await first.AskAsync(id, new StartContainer()));
            // A restart: its exit is not the removal's; the daemon stops while it starts again.
            world.Network.HoldAllocate = hold;
            first.Host.Registry.Tell(new ContainerRequest(id, new RestartContainer(1)));
            await first.UntilAsync(id, s => s.Status == ContainerStatus.Exited && s.StartInProgress);
        }
        world.Network.HoldAllocate = null;
        hold.SetResult();

        await using var daemon = await TestDaemon.StartAsync(world);
        await UntilUnregisteredAsync(daemon, id);

        Assert.Equal(new Rejected(ErrorKind.NotFound, $"No such container: {id}"), await daemon.AskAsync(id, new InspectContainer()));
        Assert.False(world.Layers.Layers.ContainsKey(id));
        Assert.False(world.Network.Allocated.ContainsKey(id));
        Assert.False(world.Runtime.IsRunning(id));
    }

    [Fact]
    public async Task A_created_auto_remove_container_whose_start_never_came_is_removed_at_daemon_start()
    {
        using var world = new TestWorld();
        string id;
        await using (var first = await TestDaemon.StartAsync(world))
            id = (await first.CreateAsync("web", new HostConfig { AutoRemove = true })).Id;

        await using var daemon = await TestDaemon.StartAsync(world);
        await UntilUnregisteredAsync(daemon, id);

        Assert.Equal(new Rejected(ErrorKind.NotFound, $"No such container: {id}"), await daemon.AskAsync(id, new InspectContainer()));
        Assert.False(world.Layers.Layers.ContainsKey(id));
    }

    [Fact]
    public async Task A_pause_the_crash_cut_short_after_the_freeze_is_recorded_at_recovery_so_the_container_can_be_unpaused()
    {
        using var world = new TestWorld();
        string id;
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("web")).Id;
            Assert.IsType<Done>(await first.AskAsync(id, new StartContainer()));
            await first.SettledAsync(id);
        }
        // The runtime froze it; the daemon died before journaling Paused.
        await world.Runtime.PauseAsync(id, CancellationToken.None);

        await using var daemon = await TestDaemon.StartAsync(world);
        var state = await daemon.UntilAsync(id, s => s.Status == ContainerStatus.Paused);

        Assert.True(world.Runtime.IsRunning(id));
        Assert.IsType<Done>(await daemon.AskAsync(id, new UnpauseContainer()));
        Assert.False(world.Runtime.IsPaused(id));
        Assert.Equal(ContainerStatus.Running, (await daemon.SettledAsync(id))!.Status);
    }

    [Fact]
    public async Task An_unpause_the_crash_cut_short_after_the_thaw_is_recorded_at_recovery()
    {
        using var world = new TestWorld();
        string id;
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("web")).Id;
            Assert.IsType<Done>(await first.AskAsync(id, new StartContainer()));
            Assert.IsType<Done>(await first.AskAsync(id, new PauseContainer()));
            await first.SettledAsync(id);
        }
        await world.Runtime.ResumeAsync(id, CancellationToken.None);

        await using var daemon = await TestDaemon.StartAsync(world);

        await daemon.UntilAsync(id, s => s.Status == ContainerStatus.Running);
        Assert.IsType<Done>(await daemon.AskAsync(id, new PauseContainer()));
    }

    /// <summary>Polls the registry until it no longer knows the id (not the container, whose last moments are another test's subject).</summary>
    private static async Task UntilUnregisteredAsync(TestDaemon daemon, string id)
    {
        var deadline = DateTime.UtcNow + TestDaemon.Timeout;
        while (await daemon.Host.Registry.Ask<object>(new ResolveContainer(id), TestDaemon.Timeout) is Resolved)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"container {id} is still registered");
            await Task.Delay(10);
        }
    }

    /// <summary>Sends Kill to the container actor, which throws ActorKilledException; waits until its supervisor has restarted it:
    /// an inspect sent right behind the Kill is answered only by the next incarnation, once it has recovered.</summary>
    private static async Task KillContainerActorAsync(TestDaemon daemon, string id)
    {
        var container = await daemon.System.ActorSelection("/user/berth/containers/" + id).ResolveOne(TestDaemon.Timeout);
        container.Tell(Kill.Instance);
        Assert.IsType<ContainerDetails>(await container.Ask<object>(new InspectContainer(), TestDaemon.Timeout));
    }

    [Fact]
    public async Task A_container_actor_restarted_by_its_supervisor_reattaches_to_its_running_process()
    {
        using var world = new TestWorld();
        await using var daemon = await TestDaemon.StartAsync(world);
        var id = (await daemon.CreateAsync("web", Policy("always"))).Id;
        Assert.IsType<Done>(await daemon.AskAsync(id, new StartContainer()));
        var before = StateJson.Of((await daemon.SettledAsync(id))!);
        var probesBefore = world.Runtime.ProbeCount;

        await KillContainerActorAsync(daemon, id);
        var after = await daemon.SettledAsync(id);

        Assert.NotNull(after);
        Assert.Equal(before, StateJson.Of(after));
        Assert.True(world.Runtime.ProbeCount > probesBefore, "the restarted actor did not probe its process");
        Assert.Equal(1, world.Runtime.StartCount);
        Assert.True(world.Runtime.IsRunning(id));
    }

    [Fact]
    public async Task A_container_actor_restarted_by_its_supervisor_still_watches_its_process()
    {
        using var world = new TestWorld();
        await using var daemon = await TestDaemon.StartAsync(world);
        var id = (await daemon.CreateAsync("web")).Id;
        Assert.IsType<Done>(await daemon.AskAsync(id, new StartContainer()));

        await KillContainerActorAsync(daemon, id);
        await daemon.SettledAsync(id);
        world.Runtime.ExitTask(id, 7);
        var state = await daemon.UntilAsync(id, s => s.Status == ContainerStatus.Exited && !s.HoldsAnything);

        Assert.Equal(7, state.ExitCode);
        Assert.False(world.Network.Allocated.ContainsKey(id));
    }

    [Fact]
    public async Task A_supervisor_restart_is_not_a_daemon_start_so_a_stopped_always_container_stays_exited()
    {
        using var world = new TestWorld();
        await using var daemon = await TestDaemon.StartAsync(world);
        var id = (await daemon.CreateAsync("web", Policy("always"))).Id;
        Assert.IsType<Done>(await daemon.AskAsync(id, new StartContainer()));
        Assert.IsType<Done>(await daemon.AskAsync(id, new StopContainer(1)));
        var before = StateJson.Of((await daemon.SettledAsync(id))!);

        await KillContainerActorAsync(daemon, id);
        var after = await daemon.SettledAsync(id);

        Assert.NotNull(after);
        Assert.Equal(before, StateJson.Of(after));
        Assert.Equal(ContainerStatus.Exited, after.Status);
        Assert.Equal(1, world.Runtime.StartCount);
    }
}
