namespace Berth.Native.Storage;

/// <summary>
/// The local volume driver: named directories under <c>&lt;data root&gt;/volumes/&lt;name&gt;/_data</c>.
/// Creating an existing volume returns it (docker's create is idempotent); removing a missing one is NotFound.
/// Whether a volume is in use is the caller's business (it knows the containers).
/// </summary>
public interface IVolumeStore
{
    /// <summary>The directory a container mounts for the volume.</summary>
    string DataPath(string name);

    VolumeInfo Create(string name, IReadOnlyDictionary<string, string>? labels = null, IReadOnlyDictionary<string, string>? options = null);

    VolumeInfo? Get(string name);

    IReadOnlyList<VolumeInfo> List();

    /// <summary>Deletes the volume and its data; returns the bytes freed.</summary>
    long Remove(string name);
}

/// <summary>A volume as the API shows it; <c>Labels</c> carry <c>com.docker.volume.anonymous</c> for anonymous ones.</summary>
public sealed record VolumeInfo(
    string Name, string Mountpoint, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Options)
{
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    public bool IsAnonymous => Labels.ContainsKey(AnonymousLabel);
}
