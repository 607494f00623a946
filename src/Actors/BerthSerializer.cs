using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Registry;
using Berth.Journal.Serialization;

namespace Berth.Actors;

/// <summary>
/// The daemon's serializer: every journal event plus the snapshot states of the actors here, each
/// under a stable manifest. Configured for <c>IJournaled</c> by <see cref="Journal.Sqlite.SqliteJournalConfig"/>.
/// </summary>
public sealed class BerthSerializer(ExtendedActorSystem system) : ManifestSerializer(system, Manifests)
{
    public const string TypeName = "Berth.Actors.BerthSerializer, Berth.Actors";

    private static readonly IReadOnlyList<ManifestEntry> Manifests =
    [
        .. JournalManifests.All,
        ManifestEntry.Current<ContainerState>("container-state/1"),
        ManifestEntry.Current<RegistryState>("registry-state/1"),
    ];
}
