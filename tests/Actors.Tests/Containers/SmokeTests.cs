using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Tests.Support;

namespace Berth.Actors.Tests.Containers;

public sealed class SmokeTests
{
    [Fact]
    public async Task A_created_container_starts_stops_and_is_removed()
    {
        using var world = new TestWorld();
        await using var daemon = await TestDaemon.StartAsync(world);
        var created = await daemon.CreateAsync("web");

        Assert.IsType<Done>(await daemon.AskAsync("web", new StartContainer()));
        var running = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Running, running.Status);
        Assert.True(world.Network.Allocated.ContainsKey(created.Id));

        Assert.IsType<Done>(await daemon.AskAsync("web", new StopContainer(1)));
        var stopped = await daemon.UntilStatusAsync("web", ContainerStatus.Exited);
        Assert.Equal(143, stopped.ExitCode);
        Assert.False(stopped.HoldsAnything);
        Assert.Empty(world.Network.Allocated);

        Assert.IsType<Done>(await daemon.AskAsync("web", new RemoveContainer()));
        var gone = await daemon.AskAsync("web", new InspectContainer());
        Assert.Equal(new Rejected(ErrorKind.NotFound, "No such container: web"), gone);
        Assert.Empty(world.Layers.Layers);
    }
}
