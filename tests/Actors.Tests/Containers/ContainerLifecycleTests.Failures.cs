using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Containers;

// What goes wrong: a start failing at each of its steps, refused creates, a failed create.
public sealed partial class ContainerLifecycleTests
{
    [Theory]
    [InlineData("allocate network")]
    [InlineData("mount rootfs")]
    [InlineData("build spec")]
    [InlineData("start task")]
    public async Task A_start_that_fails_at_a_step_is_refused_and_releases_what_earlier_steps_acquired(string step)
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web");
        FailNext(step, "boom");

        var reply = await daemon.AskAsync("web", new StartContainer());

        Assert.Equal(new Rejected(ErrorKind.Internal, $"{step}: boom"), reply);
        var state = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Created, state.Status);
        Assert.False(state.StartInProgress);
        Assert.Equal(128, state.ExitCode);
        Assert.Equal($"{step}: boom", state.Error);
        AssertReleased(state);
        Assert.False(_world.Runtime.IsRunning(created.Id));
    }

    [Fact]
    public async Task A_second_start_after_a_failed_one_succeeds()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web");
        FailNext("start task", "boom");
        await daemon.AskAsync("web", new StartContainer());

        var reply = await daemon.AskAsync("web", new StartContainer());

        Assert.Equal(new Done(created.Id), reply);
        var state = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Running, state.Status);
        Assert.Equal(0, state.ExitCode);
        Assert.Equal("", state.Error);
    }

    [Fact]
    public async Task A_failed_start_of_an_exited_container_leaves_it_exited()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await RunningAsync(daemon, "web");
        await daemon.AskAsync("web", new StopContainer());
        FailNext("mount rootfs", "boom");

        var reply = await daemon.AskAsync("web", new StartContainer());

        Assert.Equal(new Rejected(ErrorKind.Internal, "mount rootfs: boom"), reply);
        var state = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(128, state.ExitCode);
        AssertReleased(state);
    }

    [Fact]
    public async Task Create_without_a_command_is_an_invalid_parameter()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);

        var reply = await CreateRawAsync(daemon, new ContainerConfig(), new HostConfig());

        Assert.Equal(new Rejected(ErrorKind.InvalidParameter, "No command specified"), reply);
        Assert.Empty(_world.Layers.Layers);
    }

    [Fact]
    public async Task Create_with_auto_remove_and_a_restart_policy_is_an_invalid_parameter()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);

        var reply = await CreateRawAsync(daemon, new ContainerConfig { Cmd = ["sleep", "1000"] },
            new HostConfig { AutoRemove = true, RestartPolicy = new RestartPolicy("always") });

        Assert.Equal(new Rejected(ErrorKind.InvalidParameter, "can't create 'AutoRemove' container with restart policy"), reply);
        Assert.Empty(_world.Layers.Layers);
    }

    /// <summary>As Docker, the refusal of a failed create comes after its name is free again: a retry
    /// with the same name must not meet a conflict with a container that never came to exist. The
    /// removal of its layers is held, so the name stays reserved until the test lets it go.</summary>
    [Fact]
    public async Task A_failed_create_frees_its_name_before_it_answers()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var sleep = new ContainerConfig { Cmd = ["sleep", "1000"] };
        var removal = new TaskCompletionSource();
        _world.Layers.HoldRemove = removal;
        _world.Layers.FailNext["create rw layer"] = "boom";

        var failing = CreateRawAsync(daemon, sleep, new HostConfig());
        await UntilVanishingAsync(daemon, "web");
        var answeredWhileNameHeld = failing.IsCompleted;
        removal.SetResult();
        var failed = await failing;
        var retried = await CreateRawAsync(daemon, sleep, new HostConfig());

        Assert.Equal(new Rejected(ErrorKind.Internal, "create rw layer: boom"), failed);
        Assert.False(answeredWhileNameHeld, "the failed create answered while its name was still reserved");
        Assert.True(retried is ContainerCreated { Name: "web" }, $"a create after the failure got {retried}");
    }

    /// <summary>Polls until the name resolves to a container that answers it no longer exists: its create
    /// failed and it is releasing what it made (a registry miss reads "No such container: web" instead).</summary>
    private static async Task UntilVanishingAsync(TestDaemon daemon, string name)
    {
        var deadline = DateTime.UtcNow + TestDaemon.Timeout;
        while (await daemon.AskAsync(name, new InspectContainer()) is not Rejected { Kind: ErrorKind.NotFound } refusal
            || refusal.Message == $"No such container: {name}")
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} never started to vanish");
            await Task.Delay(10);
        }
    }

    private static Task<object> CreateRawAsync(TestDaemon daemon, ContainerConfig config, HostConfig hostConfig) =>
        daemon.Host.Registry.Ask<object>(new CreateContainer("web", "sha256:img", "busybox", config, hostConfig), TestDaemon.Timeout);

    private void FailNext(string step, string message)
    {
        switch (step)
        {
            case "allocate network": _world.Network.FailNextAllocate = message; break;
            case "mount rootfs": _world.Layers.FailNext[step] = message; break;
            default: _world.Runtime.FailNext[step] = message; break;
        }
    }
}
