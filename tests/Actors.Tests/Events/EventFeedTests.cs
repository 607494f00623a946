using System.Threading.Channels;
using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Events;
using Berth.Actors.Tests.Containers;
using Berth.Actors.Tests.Fakes;
using Berth.Actors.Tests.Support;

namespace Berth.Actors.Tests.Events;

/// <summary>The event feed over the actor tree (real journal, fake OS): past from the journal, live pushed, joined once.</summary>
public sealed class EventFeedTests : IClassFixture<JournalWarmup>, IDisposable
{
    private readonly TestWorld _world = new();

    public void Dispose() => _world.Dispose();

    private static (ChannelReader<DockerEvent> Reader, CancellationTokenSource Cancel) Open(TestDaemon daemon, EventRequest request)
    {
        var channel = Channel.CreateUnbounded<DockerEvent>();
        var cancel = new CancellationTokenSource();
        daemon.Host.Events.Tell(new OpenEventStream(request, channel.Writer, cancel.Token));
        return (channel.Reader, cancel);
    }

    private static async Task<List<DockerEvent>> ReadAll(ChannelReader<DockerEvent> reader)
    {
        using var timeout = new CancellationTokenSource(TestDaemon.Timeout);
        var all = new List<DockerEvent>();
        await foreach (var e in reader.ReadAllAsync(timeout.Token)) all.Add(e);
        return all;
    }

    private static async Task<List<DockerEvent>> Read(ChannelReader<DockerEvent> reader, int count)
    {
        using var timeout = new CancellationTokenSource(TestDaemon.Timeout);
        var some = new List<DockerEvent>();
        while (some.Count < count) some.Add(await reader.ReadAsync(timeout.Token));
        return some;
    }

    private static EventRequest Past(DateTimeOffset? since = null) =>
        new(since ?? DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow, EventFilter.Parse("""{"type":{"container":true}}"""));

    [Fact]
    public async Task Since_zero_until_now_returns_the_whole_life_in_order_then_ends()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web");
        await daemon.AskAsync("web", new StartContainer());
        await daemon.AskAsync("web", new StopContainer());
        await daemon.AskAsync("web", new RemoveContainer());

        var events = await ReadAll(Open(daemon, Past()).Reader);

        Assert.Equal(["create", "start", "kill", "die", "stop", "destroy"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal((created.Id, "web", "busybox"), (e.ActorId, e.Attributes["name"], e.Attributes["image"])));
        Assert.Equal("143", events.Single(e => e.Action == "die").Attributes["exitCode"]);
    }

    [Fact]
    public async Task A_live_follower_sees_each_new_event_once_in_order()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await daemon.CreateAsync("old");
        var (reader, cancel) = Open(daemon, new EventRequest(null, null, EventFilter.Parse("""{"type":{"container":true}}""")));
        using var _ = cancel;
        // The follower is registered once a barrier stream (opened after it) has answered.
        await ReadAll(Open(daemon, Past()).Reader);

        await daemon.CreateAsync("web");
        await daemon.AskAsync("web", new StartContainer());
        await daemon.AskAsync("web", new PauseContainer());
        await daemon.AskAsync("web", new UnpauseContainer());
        await daemon.AskAsync("web", new KillContainer());
        var events = await Read(reader, 6);

        Assert.Equal(["create", "start", "pause", "unpause", "kill", "die"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal("web", e.Attributes["name"]));
        Assert.False(reader.TryRead(out var extra), $"unexpected {extra?.Action}");
    }

    [Fact]
    public async Task A_follower_with_since_gets_the_past_then_the_live_without_gap_or_duplicate()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await daemon.CreateAsync("alpha");
        var (reader, cancel) = Open(daemon, new EventRequest(DateTimeOffset.UnixEpoch, null, EventFilter.None));
        using var _ = cancel;
        // Facts journaled while the follower reads the past arrive live too: the seam keeps one of each.
        for (var i = 0; i < 5; i++) await daemon.CreateAsync($"beta{i}");

        var events = await Read(reader, 6);

        Assert.Equal(["alpha", "beta0", "beta1", "beta2", "beta3", "beta4"], events.Select(e => e.Attributes["name"]));
        await Task.Delay(200);
        Assert.False(reader.TryRead(out var extra), $"duplicate {extra?.Attributes["name"]}");
    }

    [Fact]
    public async Task The_history_survives_a_daemon_restart_and_new_events_follow_it()
    {
        string id;
        await using (var first = await TestDaemon.StartAsync(_world))
        {
            id = (await first.CreateAsync("web")).Id;
            await first.AskAsync("web", new StartContainer());
        }
        await using var second = await TestDaemon.StartAsync(_world);
        await second.UntilStatusAsync("web", Berth.Actors.Lifecycle.ContainerStatus.Running);
        await second.AskAsync("web", new RenameContainer("api"));

        var events = await ReadAll(Open(second, Past()).Reader);

        Assert.Equal(["create", "start", "rename"], events.Select(e => e.Action));
        Assert.Equal(["web", "web", "api"], events.Select(e => e.Attributes["name"]));
    }

    [Fact]
    public async Task Since_leaves_out_what_happened_before_it_but_keeps_the_attributes_it_gave()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await daemon.CreateAsync("web");
        await Task.Delay(20);
        var since = DateTimeOffset.UtcNow;
        await daemon.AskAsync("web", new StartContainer());

        var events = await ReadAll(Open(daemon, Past(since)).Reader);

        var start = Assert.Single(events);
        Assert.Equal(("start", "web"), (start.Action, start.Attributes["name"]));
    }

    [Fact]
    public async Task Image_changes_are_journaled_and_reported_with_the_containers_in_journal_order()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await daemon.Host.Images.Ask<object>(new Berth.Actors.Images.TagImage("busybox", "mine:1"), TestDaemon.Timeout);
        await daemon.Host.Images.Ask<object>(new Berth.Actors.Images.RemoveImage("mine:1", false), TestDaemon.Timeout);
        await daemon.CreateAsync("web");

        var events = await ReadAll(Open(daemon, new EventRequest(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow, EventFilter.None)).Reader);

        Assert.Equal(["image tag", "image untag", "container create"], events.Select(e => $"{e.Type} {e.Action}"));
        Assert.Equal(("mine:1", FakeImageStore.BusyboxId), (events[0].Attributes["name"], events[1].ActorId));
    }
}
