using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Tests.Containers;
using Berth.Actors.Tests.Support;

namespace Berth.Actors.Tests.Recovery;

/// <summary>
/// A container's last moments: commands that arrive while it is being removed — kept for later,
/// held while the last fact is written, or already on their way when the actor stops — must still
/// be answered (the container, or "No such container"), never dropped with the actor, which would
/// leave an API client waiting for its timeout.
/// </summary>
public sealed class RemovalRepliesTests : IClassFixture<JournalWarmup>
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_command_kept_while_the_container_is_being_removed_is_answered_once_it_is_gone()
    {
        using var world = new TestWorld();
        await using var daemon = await TestDaemon.StartAsync(world);
        var id = (await daemon.CreateAsync("web")).Id;
        var hold = new TaskCompletionSource();
        world.Layers.HoldRemove = hold;
        var removal = daemon.AskAsync(id, new RemoveContainer());
        await daemon.UntilAsync(id, s => s.Status == ContainerStatus.Removing);

        var start = daemon.Host.Registry.Ask<object>(new ContainerRequest(id, new StartContainer()), ShortTimeout);
        await daemon.UntilAsync(id, _ => true);
        hold.SetResult();
        var removed = await removal;
        object startReply;
        try { startReply = await start; }
        catch (AskTimeoutException) { startReply = "no answer: the command was dropped with the actor"; }

        Assert.IsType<Done>(removed);
        Assert.True(startReply is Rejected, $"start sent during the removal got: {startReply}");
    }

    [Fact]
    public async Task Every_inspect_sent_while_a_container_is_being_removed_is_answered()
    {
        using var world = new TestWorld();
        await using var daemon = await TestDaemon.StartAsync(world);
        var id = (await daemon.CreateAsync("web")).Id;
        Assert.IsType<Done>(await daemon.AskAsync(id, new StartContainer()));
        using var stopFlood = new CancellationTokenSource();
        var hold = new TaskCompletionSource();
        world.Layers.HoldRemove = hold;

        // Several clients inspect back to back, so some inspect is always on its way to the container.
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var answers = new List<object>();
            while (!stopFlood.IsCancellationRequested)
            {
                try { answers.Add(await daemon.Host.Registry.Ask<object>(new ContainerRequest(id, new InspectContainer()), ShortTimeout)); }
                catch (AskTimeoutException) { answers.Add("no answer"); }
            }
            return answers;
        })).ToList();
        var removal = daemon.AskAsync(id, new RemoveContainer(Force: true));
        await daemon.UntilAsync(id, s => s.Status == ContainerStatus.Removing);
        hold.SetResult();
        var removed = await removal;
        stopFlood.Cancel();
        var answers = (await Task.WhenAll(clients)).SelectMany(a => a).ToList();

        Assert.IsType<Done>(removed);
        var unanswered = answers.Count(a => a is not (ContainerDetails or Rejected));
        Assert.True(unanswered == 0, $"{unanswered} of {answers.Count} inspects sent during the removal got no answer");
    }
}
