using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Tests.Support;

namespace Berth.Actors.Tests.Containers;

/// <summary>Exec instances and attach through the container actor, with the fake runtime: Docker's rules and replies.</summary>
public sealed class ExecTests : IClassFixture<JournalWarmup>, IDisposable
{
    private static readonly ExecConfig Sh = new(["sh", "-c", "exit 7"], [], null, null, false, false, true, true, false, null);
    private readonly TestWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Exec_in_a_created_container_is_refused_as_not_running()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web");

        var reply = await daemon.AskAsync("web", new CreateExec(Sh));

        Assert.Equal(new Rejected(ErrorKind.Conflict, $"container {created.Id} is not running"), reply);
    }

    [Fact]
    public async Task Exec_in_a_paused_container_is_refused_with_dockers_message()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon);
        await daemon.AskAsync("web", new PauseContainer());

        var reply = await daemon.AskAsync("web", new CreateExec(Sh));

        Assert.Equal(new Rejected(ErrorKind.Conflict, $"Container {id} is paused, unpause the container before exec"), reply);
    }

    [Fact]
    public async Task An_exec_runs_once_and_its_exit_code_shows_in_inspect()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon);
        var created = Assert.IsType<ExecCreated>(await daemon.AskAsync("web", new CreateExec(Sh)));
        Assert.Matches("^[0-9a-f]{64}$", created.Id);
        Assert.Equal(id, created.ContainerId);

        Assert.IsType<ExecStarted>(await daemon.AskAsync("web", new StartExec(created.Id, Detach: true)));
        var running = Assert.IsType<ExecDetails>(await daemon.AskAsync("web", new InspectExec(created.Id)));
        var again = await daemon.AskAsync("web", new StartExec(created.Id, Detach: true));
        _world.Runtime.Execs[created.Id].Exit(7);
        var ended = Assert.IsType<ExecDetails>(await daemon.AskAsync("web", new WaitExec(created.Id)));

        Assert.True(running.Exec.Running);
        Assert.True(running.Exec.Pid > 0);
        Assert.Equal(new Rejected(ErrorKind.Conflict, $"Error: Exec command {created.Id} is already running"), again);
        Assert.False(ended.Exec.Running);
        Assert.Equal(7, ended.Exec.ExitCode);
        Assert.Equal(new Rejected(ErrorKind.Conflict, $"exec command {created.Id} has already run"),
            await daemon.AskAsync("web", new StartExec(created.Id, Detach: true)));
        Assert.True(_world.Runtime.Execs[created.Id].Disposed);
    }

    [Fact]
    public async Task An_attached_exec_is_connected_before_it_starts()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await RunningAsync(daemon);
        var created = Assert.IsType<ExecCreated>(await daemon.AskAsync("web", new CreateExec(Sh with { AttachStdin = true })));

        var started = Assert.IsType<ExecStarted>(await daemon.AskAsync("web", new StartExec(created.Id, Detach: false)));

        Assert.NotNull(started.Stream);
        Assert.True(_world.Runtime.Execs[created.Id].Attached);
        Assert.True(_world.Runtime.Execs[created.Id].Spec.Stdin);
        await started.Stream!.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_exec_is_not_found()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await RunningAsync(daemon);

        var reply = await daemon.AskAsync("web", new InspectExec("feed"));

        Assert.Equal(new Rejected(ErrorKind.NotFound, "No such exec instance: feed"), reply);
    }

    [Fact]
    public async Task An_attach_before_the_start_is_connected_by_the_start()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await daemon.CreateAsync("web");
        var attach = daemon.Host.Registry.Ask<object>(new ContainerRequest("web", new AttachContainer()), TestDaemon.Timeout);

        await daemon.AskAsync("web", new StartContainer());

        // Had the attach been tried at once it would have been refused: the created container has no task.
        var attached = Assert.IsType<Attached>(await attach);
        Assert.Equal(1, _world.Runtime.AttachCount);
        await attached.Stream.DisposeAsync();
    }

    private static async Task<string> RunningAsync(TestDaemon daemon)
    {
        var created = await daemon.CreateAsync("web");
        Assert.Equal(new Done(created.Id), await daemon.AskAsync("web", new StartContainer()));
        return created.Id;
    }
}
