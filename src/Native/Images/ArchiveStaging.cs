using System.Formats.Tar;
using Berth.Native.Storage;

namespace Berth.Native.Images;

/// <summary>
/// A load archive (plain or gzip tar) copied to a private temporary directory, because both
/// formats may put the file that describes the rest (<c>manifest.json</c>, <c>index.json</c>) last.
/// Entry names are checked like layer entries; symlinks and hard links between entries (older
/// <c>docker save</c> links duplicate layers) are followed inside the archive only.
/// </summary>
internal sealed class ArchiveStaging : IDisposable
{
    private const int MaxLinkHops = 16;
    private readonly string _dir;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    private ArchiveStaging(string dir) => _dir = dir;

    public static async Task<ArchiveStaging> StageAsync(Stream archive, string tempRoot, CancellationToken cancellationToken)
    {
        var staging = new ArchiveStaging(Path.Join(tempRoot, Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(staging._dir);
        try
        {
            await using var tar = await LayerCompression.OpenAsync(archive, leaveOpen: true, cancellationToken).ConfigureAwait(false);
            await using var reader = new TarReader(tar, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                await staging.AddAsync(entry, cancellationToken).ConfigureAwait(false);
            return staging;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            staging.Dispose();
            throw new StorageException(StorageErrorKind.InvalidParameter, $"invalid image archive: {e.Message}", inner: e);
        }
        catch
        {
            staging.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => Resolve(name) is not null;

    /// <summary>The staged file for an archive path; InvalidParameter if the archive lacks it.</summary>
    public string PathOf(string name) => Resolve(name)
        ?? throw new StorageException(StorageErrorKind.InvalidParameter, $"image archive has no file \"{name}\"");

    public byte[] ReadAllBytes(string name) => File.ReadAllBytes(PathOf(name));

    public void Dispose() => LayerStore.DeleteTree(_dir);

    private async Task AddAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        var parts = LayerPath.Split(entry.Name, entry.Name);
        if (parts.Length == 0) return;
        var name = string.Join('/', parts);
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                var path = Path.Join(_dir, _files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                    if (entry.DataStream is { } data) await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                _files[name] = path;
                _links.Remove(name);
                break;
            case TarEntryType.HardLink:
                _links[name] = string.Join('/', LayerPath.Split(entry.LinkName, entry.Name));
                break;
            case TarEntryType.SymbolicLink when SymlinkTarget(parts, entry.LinkName) is { } target:
                _links[name] = target;
                break;
        }
    }

    /// <summary>
    /// A symlink's target as an archive path, resolved against the link's directory; null (the link
    /// is ignored) if it is absolute or climbs above the archive root: it names nothing in the archive.
    /// </summary>
    private static string? SymlinkTarget(string[] parts, string linkName)
    {
        if (linkName.StartsWith('/')) return null;
        var resolved = parts[..^1].ToList();
        foreach (var part in linkName.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part != "..") resolved.Add(part);
            else if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
            else return null;
        }
        return string.Join('/', resolved);
    }

    private string? Resolve(string name)
    {
        var current = string.Join('/', name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."));
        for (var hop = 0; hop <= MaxLinkHops; hop++)
        {
            if (_files.TryGetValue(current, out var path)) return path;
            if (!_links.TryGetValue(current, out var target)) return null;
            current = target;
        }
        return null;
    }
}
