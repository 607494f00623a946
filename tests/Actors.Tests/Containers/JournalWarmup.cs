using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Containers;

/// <summary>
/// Class fixture that pays the process's one-time journal start-up cost (JIT, the SQL plugin's first
/// statements: several seconds on a loaded machine) once, under a generous timeout, so the first test
/// of a class does not run into <see cref="TestDaemon.Timeout"/> on its first create.
/// </summary>
public sealed class JournalWarmup : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task> Once = new(WarmAsync);

    public Task InitializeAsync() => Once.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task WarmAsync()
    {
        using var world = new TestWorld();
        await using var daemon = await TestDaemon.StartAsync(world);
        var create = new CreateContainer(null, "sha256:img", "busybox", new ContainerConfig { Cmd = ["true"] }, new HostConfig());
        await daemon.Host.Registry.Ask<object>(create, Patience);
    }
}
