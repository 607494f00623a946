using Akka.Actor;
using Akka.Configuration;
using Berth.Actors;
using Berth.Journal.Sqlite;

namespace Berth.Journal.Tests.Support;

/// <summary>
/// An actor system configured as the daemon's (<see cref="SqliteJournalSetup"/>)
/// and berth's serializer on it. The journal itself is never started, so no database file is made.
/// </summary>
public sealed class SerializerFixture : IDisposable
{
    public SerializerFixture()
    {
        var options = JournalOptions.For(Path.Combine(Path.GetTempPath(), "berth-never-opened.db"), BerthSerializer.TypeName);
        System = ActorSystem.Create("serialization", SqliteJournalSetup.Create(options, ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        Serializer = new BerthSerializer((ExtendedActorSystem)System);
    }

    public ActorSystem System { get; }
    public BerthSerializer Serializer { get; }

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));
}
