using Berth.Actors.Events;
using Berth.Journal.Events;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Events;

/// <summary>Journaled facts → Docker's event words, in dockerd's order, with its attributes.</summary>
public sealed class DockerEventMapperTests
{
    private const string Id = "c0ffee";
    private const string Pid = "container-" + Id;
    private static readonly DateTimeOffset T = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly DockerEventMapper _mapper = new();

    private static Created Created => new(Id, "web", "sha256:1", "busybox",
        new ContainerConfig { Image = "busybox", Labels = new Dictionary<string, string> { ["tier"] = "front", ["name"] = "label" } },
        new HostConfig(), T);

    private static readonly IContainerEvent[] Start =
    [
        new StartRequested(false, T.AddSeconds(1)),
        new NetworkAllocated("/run/netns/x", [new NetworkEndpoint("bridge", "10.88.0.2", 16, "10.88.0.1", "02:42:0a:58:00:02")], [], null, null, null, T.AddSeconds(1.1)),
        new RootfsMounted("/m", T.AddSeconds(1.2)),
        new SpecBuilt("/b", "sha256:s", T.AddSeconds(1.3)),
        new TaskStarted(10, 20, 9, T.AddSeconds(2)),
    ];

    private List<DockerEvent> Map(params IContainerEvent[] facts) => facts.SelectMany(f => _mapper.Map(Pid, f)).ToList();

    private static string Words(IEnumerable<DockerEvent> events) => string.Join(" ", events.Select(e => e.Type == "container" ? e.Action : $"{e.Type}:{e.Action}"));

    [Fact]
    public void Create_carries_the_labels_image_and_name_and_name_wins_over_a_label()
    {
        var create = Assert.Single(Map(Created));

        Assert.Equal(("container", "create", Id, T), (create.Type, create.Action, create.ActorId, create.Time));
        Assert.Equal(["image", "name", "tier"], create.Attributes.Keys);
        Assert.Equal(("busybox", "web", "front"), (create.Attributes["image"], create.Attributes["name"], create.Attributes["tier"]));
        Assert.Equal(1795428000L * 1_000_000_000, create.TimeNano);
    }

    [Fact]
    public void Health_changes_are_health_status_actions_with_the_container_attributes_and_the_reset_to_starting_is_silent()
    {
        Map([Created, .. Start]);

        var events = Map(
            new HealthStatusChanged("unhealthy", 2, T.AddSeconds(3)),
            new HealthStatusChanged("healthy", 0, T.AddSeconds(4)),
            new HealthStatusChanged("starting", 0, T.AddSeconds(5)));

        Assert.Equal(["health_status: unhealthy", "health_status: healthy"], events.Select(e => e.Action));
        Assert.Equal(("web", "busybox", "front"), (events[1].Attributes["name"], events[1].Attributes["image"], events[1].Attributes["tier"]));
        Assert.Equal(T.AddSeconds(4), events[1].Time);
    }

    [Fact]
    public void A_run_that_exits_by_itself_is_create_connect_start_die_disconnect()
    {
        var events = Map([Created, .. Start, new Exited(3, false, false, T.AddSeconds(7)), new TaskDeleted(T.AddSeconds(7.1)),
            new RootfsUnmounted(T.AddSeconds(7.2)), new NetworkReleased(T.AddSeconds(7.3))]);

        Assert.Equal("create network:connect start die network:disconnect", Words(events));
        var die = events.Single(e => e.Action == "die");
        Assert.Equal(("3", "5"), (die.Attributes["exitCode"], die.Attributes["execDuration"]));
        var connect = events[1];
        Assert.Equal(("bridge", Id, "bridge", "bridge"), (connect.ActorId, connect.Attributes["container"], connect.Attributes["name"], connect.Attributes["type"]));
    }

    [Fact]
    public void Stop_is_kill_with_the_signal_then_die_then_stop_and_a_grace_escalation_is_a_second_kill()
    {
        var events = Map([Created, .. Start,
            new StopRequested(true, T.AddSeconds(3), 15, StopVerb.Stop),
            new StopRequested(true, T.AddSeconds(13), 9),
            new Exited(137, false, true, T.AddSeconds(13.1))]);

        Assert.Equal("create network:connect start kill kill die stop", Words(events));
        Assert.Equal(["15", "9"], events.Where(e => e.Action == "kill").Select(e => e.Attributes["signal"]));
    }

    [Fact]
    public void Kill_is_kill_then_die_without_stop()
    {
        var events = Map([Created, .. Start, new StopRequested(true, T.AddSeconds(3), 9, StopVerb.Kill), new Exited(137, false, true, T.AddSeconds(3.1))]);

        Assert.Equal("create network:connect start kill die", Words(events));
    }

    [Fact]
    public void Restart_of_a_running_container_is_kill_die_stop_start_restart()
    {
        var events = Map([Created, .. Start,
            new StopRequested(true, T.AddSeconds(3), 15, StopVerb.Restart), new Exited(143, false, true, T.AddSeconds(3.1)),
            new NetworkReleased(T.AddSeconds(3.2)), new StartRequested(false, T.AddSeconds(3.3), UserRestart: true),
            new TaskStarted(11, 21, 9, T.AddSeconds(3.4))]);

        Assert.Equal("create network:connect start kill die stop network:disconnect start restart", Words(events));
    }

    [Fact]
    public void A_restart_policy_start_is_a_plain_start()
    {
        var events = Map([Created, .. Start, new Exited(1, false, false, T.AddSeconds(3)),
            new RestartScheduled(1, 100, T.AddSeconds(3.1)), new StartRequested(true, T.AddSeconds(3.2)), new TaskStarted(11, 21, 9, T.AddSeconds(3.3))]);

        Assert.Equal("create network:connect start die start", Words(events));
    }

    [Fact]
    public void An_oom_kill_is_oom_before_die()
    {
        var events = Map([Created, .. Start, new Exited(137, true, false, T.AddSeconds(3))]);

        Assert.Equal("oom die", Words(events.Skip(3)));
    }

    [Fact]
    public void Pause_unpause_rename_and_removal_use_the_new_name_after_a_rename()
    {
        var events = Map([Created, new Paused(T.AddSeconds(1)), new Unpaused(T.AddSeconds(2)), new Renamed("web", "api", T.AddSeconds(3)),
            new RemovalStarted(false, T.AddSeconds(4)), new Removed(T.AddSeconds(5))]);

        Assert.Equal("create pause unpause rename destroy", Words(events));
        var rename = events[3];
        Assert.Equal(("api", "/web"), (rename.Attributes["name"], rename.Attributes["oldName"]));
        Assert.Equal("api", events[4].Attributes["name"]);
    }

    [Fact]
    public void Facts_with_no_docker_word_map_to_nothing()
    {
        Map(Created);

        Assert.Empty(Map(new StartFailed("no such file", 127, T), new RemovalFailed("busy", T), new RestartScheduled(1, 100, T)));
    }

    [Fact]
    public void Image_facts_are_load_import_tag_untag_delete_named_as_docker_names_them()
    {
        IImageEvent[] facts =
        [
            new ImageLoaded("sha256:a", ["busybox:latest"], T), new ImageImported("sha256:b", null, T),
            new ImageTagged("sha256:a", "mine:1", T), new ImageUntagged("sha256:a", "mine:1", T), new ImageDeleted("sha256:a", T),
        ];

        var events = facts.SelectMany(f => _mapper.Map("images", f)).ToList();

        Assert.All(events, e => Assert.Equal("image", e.Type));
        Assert.Equal(["load", "import", "tag", "untag", "delete"], events.Select(e => e.Action));
        Assert.Equal(["busybox:latest", "sha256:b", "mine:1", "sha256:a", "sha256:a"], events.Select(e => e.Attributes["name"]));
    }
}
