using Akka.Actor;

namespace Berth.Journal.Serialization;

/// <summary>The serializer for journal events alone (used where no snapshot types are needed).</summary>
public sealed class JournalSerializer(ExtendedActorSystem system) : ManifestSerializer(system, JournalManifests.All);
