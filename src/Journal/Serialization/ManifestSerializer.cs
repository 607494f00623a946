using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Berth.Journal.Serialization;

/// <summary>
/// Akka serializer that writes journaled objects as JSON under a stable string manifest
/// (<c>"exited/1"</c>) and reads every manifest ever written, upcasting retired versions.
/// Subclasses name the manifest tables they serve (events here; snapshot states in Actors).
/// </summary>
public abstract class ManifestSerializer : SerializerWithStringManifest
{
    private readonly Dictionary<Type, string> _manifestOf = new();
    private readonly Dictionary<string, ManifestEntry> _entryOf = new(StringComparer.Ordinal);

    protected ManifestSerializer(ExtendedActorSystem system, IEnumerable<ManifestEntry> entries) : base(system)
    {
        foreach (var entry in entries)
        {
            if (!_entryOf.TryAdd(entry.Manifest, entry))
                throw new ArgumentException($"manifest {entry.Manifest} is declared twice");
            if (entry.WrittenFrom is { } type && !_manifestOf.TryAdd(type, entry.Manifest))
                throw new ArgumentException($"{type.Name} has two current manifests");
        }
    }

    /// <summary>Berth's serializer id; Akka reserves 0–40.</summary>
    public override int Identifier => 4117;

    public override string Manifest(object o) =>
        _manifestOf.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().FullName} has no journal manifest");

    public override byte[] ToBinary(object obj)
    {
        _ = Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), JournalJson.Options);
    }

    public override object FromBinary(byte[] bytes, string manifest) =>
        _entryOf.TryGetValue(manifest, out var entry)
            ? entry.Read(bytes, JournalJson.Options)
            : throw new SerializationException($"unknown journal manifest '{manifest}'");
}
