using System.Text.Json;
using System.Text.RegularExpressions;

namespace Berth.Native.Storage;

/// <summary>
/// Image layers, each unpacked once per ChainID into <c>&lt;dataRoot&gt;/overlay/&lt;chain-hex&gt;/diff</c>
/// and shared by every image and container that uses it. A layer lives while it has references:
/// one empty file per owner in <c>&lt;chain-hex&gt;/refs/</c> (<c>image-&lt;hex&gt;</c>,
/// <c>container-&lt;id&gt;</c>); dropping the last one deletes it. Layers appear atomically (unpacked
/// in a <c>.tmp-*</c> directory, then renamed) and disappear atomically (renamed away, then deleted),
/// so a crash leaves only <c>.tmp-*</c> debris, swept when the store opens. Thread-safe.
/// Changes go through the <see cref="Images.ImageStore"/>, which owns the references; this class
/// publishes only queries.
/// </summary>
public sealed partial class LayerStore
{
    private const string TempPrefix = ".tmp-";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Opens (creating if needed) the layer store of <paramref name="dataRoot"/>.</summary>
    public LayerStore(string dataRoot)
    {
        Directory.CreateDirectory(dataRoot);
        Root = Path.Join(Posix.RealPath(dataRoot), "overlay");
        Directory.CreateDirectory(Root);
        Posix.Chmod(Root, Posix.Mode710); // as Docker's overlay2: containers' files are not for other users to browse
        Links = new ShortLinks(Root);
        Directory.CreateDirectory(Links.Directory);
        foreach (var temp in Directory.EnumerateDirectories(Root, TempPrefix + "*")) DeleteTree(temp);
        Links.SweepDangling();
    }

    /// <summary>The canonical <c>&lt;dataRoot&gt;/overlay</c> directory.</summary>
    public string Root { get; }

    internal ShortLinks Links { get; }

    /// <summary>The layer named by <paramref name="chainId"/>, or null if it is not unpacked.</summary>
    public LayerInfo? Get(string chainId)
    {
        var file = Path.Join(LayerDir(chainId), "layer.json");
        return File.Exists(file) ? JsonSerializer.Deserialize<LayerInfo>(File.ReadAllBytes(file), Json) : null;
    }

    /// <summary>Every unpacked layer.</summary>
    public IReadOnlyList<LayerInfo> List() =>
        Directory.EnumerateDirectories(Root)
            .Select(Path.GetFileName)
            .Where(name => name is not null && HexPattern().IsMatch(name))
            .Select(name => Get(Digests.Prefix + name))
            .OfType<LayerInfo>()
            .ToList();

    /// <summary>The directory holding the layer's files.</summary>
    public string DiffDir(string chainId) => Path.Join(LayerDir(chainId), "diff");

    /// <summary>The layer's short path for overlay lowerdir= (<c>overlay/l/&lt;link&gt;</c>).</summary>
    public string LowerDir(LayerInfo layer) => Links.PathOf(layer.Link);

    /// <summary>
    /// Makes sure the layer on top of <paramref name="parentChainId"/> with DiffID
    /// <paramref name="diffId"/> is unpacked, reading <paramref name="open"/>'s tar only if it is not.
    /// A null <paramref name="diffId"/> (an import) is computed from the tar. The tar's real DiffID
    /// must equal the expected one, else nothing is kept. The opened stream is disposed unless
    /// <paramref name="leaveOpen"/>.
    /// </summary>
    internal async Task<LayerInfo> EnsureAsync(string? parentChainId, string? diffId,
        Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken, bool leaveOpen = false)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var temp = Path.Join(Root, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            if (diffId is not null && Get(ChainId.Next(parentChainId, diffId)) is { } present) return present;
            Directory.CreateDirectory(temp);
            Posix.Mkdir(Path.Join(temp, "diff"), Posix.Mode755);
            LayerUnpackResult unpacked;
            var blob = await open(cancellationToken).ConfigureAwait(false);
            try
            {
                unpacked = await LayerUnpacker.UnpackAsync(blob, Path.Join(temp, "diff"), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (!leaveOpen) await blob.DisposeAsync().ConfigureAwait(false);
            }
            if (diffId is not null && unpacked.DiffId != diffId)
                throw new StorageException(StorageErrorKind.InvalidParameter,
                    $"layer content does not match its DiffID: expected {diffId}, got {unpacked.DiffId}");
            var chainId = ChainId.Next(parentChainId, unpacked.DiffId);
            if (Get(chainId) is { } raced) return raced;
            var layer = new LayerInfo(chainId, unpacked.DiffId, parentChainId, unpacked.Size, Links.Create(Digests.Hex(chainId)));
            try
            {
                AtomicFile.WriteJson(Path.Join(temp, "layer.json"), layer, Json);
                File.WriteAllText(Path.Join(temp, "link"), layer.Link);
                Directory.Move(temp, LayerDir(chainId));
            }
            catch
            {
                Links.Remove(layer.Link);
                throw;
            }
            return layer;
        }
        finally
        {
            if (Directory.Exists(temp)) DeleteTree(temp);
            _gate.Release();
        }
    }

    /// <summary>Records that <paramref name="owner"/> uses the layer. Idempotent; NotFound if the layer is not unpacked.</summary>
    internal void AddReference(string chainId, string owner)
    {
        CheckOwner(owner);
        _gate.Wait();
        try
        {
            if (Get(chainId) is null) throw new StorageException(StorageErrorKind.NotFound, $"layer {chainId} does not exist");
            var refs = Path.Join(LayerDir(chainId), "refs");
            Directory.CreateDirectory(refs);
            var file = Path.Join(refs, owner);
            if (!File.Exists(file)) AtomicFile.Write(file, []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Drops <paramref name="owner"/>'s reference; deletes the layer when it was the last one.
    /// Idempotent. Returns true if the layer was deleted by this call.
    /// </summary>
    internal bool RemoveReference(string chainId, string owner)
    {
        CheckOwner(owner);
        _gate.Wait();
        try
        {
            var layer = Get(chainId);
            if (layer is null) return false;
            File.Delete(Path.Join(LayerDir(chainId), "refs", owner));
            if (ReferencesOf(chainId).Count > 0) return false;
            Delete(layer);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Who uses the layer (the names of its <c>refs/</c> files), sorted.</summary>
    public IReadOnlyList<string> References(string chainId)
    {
        _gate.Wait();
        try { return ReferencesOf(chainId); }
        finally { _gate.Release(); }
    }

    /// <summary>
    /// Reconciles references with the owners that really exist: drops every reference whose owner
    /// <paramref name="isLive"/> rejects, then deletes every layer left without one. Returns the
    /// ChainIDs deleted. Run when the daemon starts, after a crash may have left either behind.
    /// </summary>
    internal IReadOnlyList<string> CollectGarbage(Func<string, bool> isLive)
    {
        var deleted = new List<string>();
        _gate.Wait();
        try
        {
            foreach (var layer in List())
            {
                foreach (var owner in ReferencesOf(layer.ChainId).Where(o => !isLive(o)))
                    File.Delete(Path.Join(LayerDir(layer.ChainId), "refs", owner));
                if (ReferencesOf(layer.ChainId).Count > 0) continue;
                Delete(layer);
                deleted.Add(layer.ChainId);
            }
        }
        finally
        {
            _gate.Release();
        }
        Links.SweepDangling();
        return deleted;
    }

    private List<string> ReferencesOf(string chainId)
    {
        var refs = Path.Join(LayerDir(chainId), "refs");
        return Directory.Exists(refs)
            ? Directory.EnumerateFiles(refs).Select(f => Path.GetFileName(f)).Where(n => !n.Contains(".tmp-")).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private void Delete(LayerInfo layer)
    {
        var doomed = Path.Join(Root, TempPrefix + "del-" + Guid.NewGuid().ToString("N"));
        Directory.Move(LayerDir(layer.ChainId), doomed); // gone from view at once; the rest is cleanup
        Links.Remove(layer.Link);
        DeleteTree(doomed);
    }

    private string LayerDir(string chainId) => Path.Join(Root, Digests.Hex(chainId));

    private static void CheckOwner(string owner)
    {
        if (!OwnerPattern().IsMatch(owner)) throw new ArgumentException($"invalid layer owner \"{owner}\"", nameof(owner));
    }

    internal static void DeleteTree(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$")]
    private static partial Regex OwnerPattern();
}
