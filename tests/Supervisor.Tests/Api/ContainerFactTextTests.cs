using Berth.Journal.Events;
using Berth.Journal.Model;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Tests.Api;

/// <summary>Every fact of a container's life has a name and a line of its own in <c>berth history</c>.</summary>
public sealed class ContainerFactTextTests
{
    private static readonly DateTimeOffset T = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One sample of every event type, with the words its detail line must show.</summary>
    private static readonly (IContainerEvent Fact, string[] Shows)[] Samples =
    [
        (new Created("c0ffee", "web", "sha256:" + new string('a', 64), "busybox:latest",
            new ContainerConfig { Cmd = ["sh", "-c", "true"] }, new HostConfig(), T), ["web", "busybox:latest", "aaaaaaaaaaaa", "sh -c true"]),
        (new StartRequested(true, T), ["restart policy"]),
        (new NetworkAllocated("/run/netns/x", [new NetworkEndpoint("bridge", "172.17.0.2", 16)], [new PortMapping(80, "tcp", "0.0.0.0", 8080)],
            null, null, null, T), ["bridge 172.17.0.2/16", "0.0.0.0:8080->80/tcp"]),
        (new RootfsMounted("/var/lib/berth/rootfs/c0ffee", T), ["/var/lib/berth/rootfs/c0ffee"]),
        (new SpecBuilt("/run/berth/c0ffee", "sha256:5pec", T), ["/run/berth/c0ffee", "sha256:5pec"]),
        (new TaskStarted(4242, 777, 4200, T), ["pid 4242", "4200"]),
        (new StartFailed("exec: \"nope\": not found", 127, T), ["127", "exec: \"nope\": not found"]),
        (new StopRequested(true, T, 15, StopVerb.Stop), ["stop", "SIGTERM"]),
        (new Exited(137, true, true, T, "killed"), ["exit code 137", "OOM", "killed"]),
        (new TaskDeleted(T), []),
        (new RootfsUnmounted(T), []),
        (new NetworkReleased(T), []),
        (new Paused(T), []),
        (new Unpaused(T), []),
        (new Renamed("web", "api", T), ["web -> api"]),
        (new RestartScheduled(3, 1500, T), ["restart 3", "1.5s"]),
        (new RestartCancelled(T), []),
        (new Updated(new HostConfig { RestartPolicy = new RestartPolicy("always"), Memory = 1 << 20 }, T), ["always", "1048576"]),
        (new RemovalStarted(true, T), ["volumes"]),
        (new RemovalFailed("device busy", T), ["device busy"]),
        (new Removed(T), []),
        (new NetworkConnected(new EndpointSettings("backend"), new NetworkEndpoint("backend", "10.1.0.5", 24), T), ["backend", "10.1.0.5/24"]),
        (new NetworkDisconnected("backend", T), ["backend"]),
        (new HealthStatusChanged("unhealthy", 3, T), ["unhealthy", "3 failed probes"]),
    ];

    [Fact]
    public void The_samples_cover_every_container_event_type()
    {
        var all = typeof(IContainerEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IContainerEvent).IsAssignableFrom(t))
            .Select(t => t.Name).Order();

        Assert.Equal(all, Samples.Select(s => s.Fact.GetType().Name).Order());
    }

    [Fact]
    public void Every_fact_is_named_by_its_event_type_and_gets_a_line_of_its_own()
    {
        var lines = Samples.Select(s => ContainerFactText.Detail(s.Fact)).ToList();

        Assert.All(Samples, s => Assert.Equal(s.Fact.GetType().Name, ContainerFactText.Fact(s.Fact)));
        Assert.All(lines, line => Assert.False(string.IsNullOrWhiteSpace(line)));
        Assert.All(lines, line => Assert.DoesNotContain("no description", line));
        // Data-less facts too say something of their own, not one catch-all line.
        Assert.Equal(lines.Count, lines.Distinct().Count());
    }

    [Fact]
    public void A_fact_with_data_shows_it_in_its_line()
    {
        Assert.All(Samples, s =>
        {
            var line = ContainerFactText.Detail(s.Fact);
            foreach (var word in s.Shows) Assert.Contains(word, line);
        });
    }

    [Fact]
    public void Lines_tell_apart_what_the_flags_of_a_fact_say()
    {
        Assert.NotEqual(ContainerFactText.Detail(new StartRequested(false, T)), ContainerFactText.Detail(new StartRequested(true, T)));
        Assert.NotEqual(ContainerFactText.Detail(new StartRequested(false, T)), ContainerFactText.Detail(new StartRequested(false, T, UserRestart: true)));
        Assert.NotEqual(ContainerFactText.Detail(new RemovalStarted(false, T)), ContainerFactText.Detail(new RemovalStarted(true, T)));
        Assert.Equal("exit code 0", ContainerFactText.Detail(new Exited(0, false, false, T)));
        Assert.Equal("no network", ContainerFactText.Detail(new NetworkAllocated("/run/netns/x", [], [], null, null, null, T)));
        Assert.Equal("kill: SIGKILL, ends the run", ContainerFactText.Detail(new StopRequested(true, T, 9, StopVerb.Kill)));
        Assert.Equal("stop: no signal", ContainerFactText.Detail(new StopRequested(false, T)));
        Assert.Equal("joins backend at its next start", ContainerFactText.Detail(new NetworkConnected(new EndpointSettings("backend"), null, T)));
    }
}
