using Akka.Actor;
using Akka.Configuration;
using Berth.Actors.Containers;
using Berth.Journal.Sqlite;

namespace Berth.Actors.Hosting;

/// <summary>
/// Starts berth's actor system on its embedded SQLite journal (with the plugin's connection options and
/// group commit, <see cref="SqliteJournalSetup"/>) and the actor tree under <c>/user/berth</c>; the daemon
/// and the tests start berth through here.
/// </summary>
public static class ActorHost
{
    public static async Task<RunningHost> StartAsync(string journalPath, ContainerServices services, Config? extraConfig = null)
    {
        var system = SqliteJournalSetup.Start("berth", JournalOptions.For(journalPath, BerthSerializer.TypeName), extraConfig);
        try
        {
            var guardian = system.ActorOf(HostGuardianActor.Props(services), "berth");
            var host = await guardian.Ask<HostRefs>(new HostGuardianActor.GetHost(), TimeSpan.FromSeconds(30));
            return new RunningHost(system, host);
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }
}

/// <summary>A started actor system and the entry points of its tree. Stopping it leaves containers running.</summary>
public sealed record RunningHost(ActorSystem System, HostRefs Refs) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await System.Terminate();
}
