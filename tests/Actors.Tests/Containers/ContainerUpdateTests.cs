using Berth.Actors.Containers;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;
using Berth.Native.Runtime;

namespace Berth.Actors.Tests.Containers;

/// <summary>docker update through the actor tree: a running task gets the limits first, the new config is a journaled fact that survives a restart.</summary>
public sealed class ContainerUpdateTests : IClassFixture<JournalWarmup>, IDisposable
{
    private readonly TestWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Update_of_a_running_container_applies_the_limits_then_journals_them()
    {
        string id;
        await using (var daemon = await TestDaemon.StartAsync(_world))
        {
            id = (await daemon.CreateAsync("web")).Id;
            await daemon.AskAsync("web", new StartContainer());

            var reply = await daemon.AskAsync("web", new UpdateContainer { Memory = 64 << 20, RestartPolicy = new RestartPolicy("always", 0) });

            Assert.Equal(new Done(id), reply);
            Assert.Equal(new TaskResources(64 << 20, 128 << 20), _world.Runtime.Updates[id]);
        }
        await using var again = await TestDaemon.StartAsync(_world);
        var state = await again.InspectAsync("web");
        Assert.Equal(64L << 20, state.HostConfig.Memory);
        Assert.Equal("always", state.HostConfig.RestartPolicy.Name);
    }

    [Fact]
    public async Task Update_of_a_stopped_container_only_journals_and_bad_values_are_refused()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = (await daemon.CreateAsync("web")).Id;

        Assert.Equal(new Done(id), await daemon.AskAsync("web", new UpdateContainer { PidsLimit = 20 }));
        var refused = Assert.IsType<Rejected>(await daemon.AskAsync("web", new UpdateContainer { Memory = 1024 }));

        Assert.Equal(ErrorKind.InvalidParameter, refused.Kind);
        Assert.Equal("Minimum memory limit allowed is 6MB", refused.Message);
        Assert.Empty(_world.Runtime.Updates);
        Assert.Equal(20L, (await daemon.InspectAsync("web")).HostConfig.PidsLimit);
    }
}
