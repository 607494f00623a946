namespace Berth.Native.Archive;

/// <summary>
/// Reads a container's writes from its overlay layers without mounting anything: the RW layer's
/// upper dir (<c>overlay/&lt;id&gt;/diff</c>) against the lower dirs it sits on (<c>overlay/&lt;id&gt;/lower</c>).
/// A whiteout is a deletion; an entry a lower layer also has is a modification; anything else an
/// addition. Also measures the RW layer (Docker's SizeRw).
/// </summary>
public sealed class ContainerLayerDiff(string dataRoot)
{
    private string Overlay => Path.Join(dataRoot, "overlay");

    /// <summary>The changes, sorted by path; null when the container has no RW layer here.</summary>
    public IReadOnlyList<LayerChange>? Changes(string containerId)
    {
        if (!IsId(containerId)) return null;
        var upper = Path.Join(Overlay, containerId, "diff");
        var lowerFile = Path.Join(Overlay, containerId, "lower");
        if (!Directory.Exists(upper) || !File.Exists(lowerFile)) return null;
        var lowers = new List<ContainerRoot>();
        try
        {
            foreach (var link in File.ReadAllText(lowerFile).Trim().Split(':', StringSplitOptions.RemoveEmptyEntries))
                lowers.Add(ContainerRoot.Open(Path.Join(Overlay, link)));
            using var top = ContainerRoot.Open(upper);
            var changes = new List<LayerChange>();
            Walk(top.Fd, "", lowers, changes);
            changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return changes;
        }
        finally
        {
            foreach (var lower in lowers) lower.Dispose();
        }
    }

    /// <summary>Bytes in the RW layer (regular files and links, each inode once); 0 when there is none.</summary>
    public long SizeRw(string containerId)
    {
        if (!IsId(containerId)) return 0;
        var upper = Path.Join(Overlay, containerId, "diff");
        if (!Directory.Exists(upper)) return 0;
        using var top = ContainerRoot.Open(upper);
        return Size(top.Fd, new HashSet<(ulong, ulong)>());
    }

    private static void Walk(int dirFd, string prefix, List<ContainerRoot> lowers, List<LayerChange> changes)
    {
        var dir = TarExport.OpenChild(dirFd, "", FdCalls.ORdOnly | FdCalls.ODirectory, prefix);
        try
        {
            foreach (var name in TarExport.Children(dir))
            {
                var path = prefix + "/" + name;
                if (FdCalls.StatAt(dir, name, path) is not { } st) continue;
                if (st.IsWhiteout) { changes.Add(new LayerChange(path, LayerChange.Deleted)); continue; }
                changes.Add(new LayerChange(path, lowers.Any(l => Exists(l, path)) ? LayerChange.Modified : LayerChange.Added));
                if (!st.IsDirectory) continue;
                var child = FdCalls.OpenAt(dir, name, FdCalls.OPath | FdCalls.ODirectory | FdCalls.ONoFollow, 0, path);
                try { Walk(child, path, lowers, changes); }
                finally { FdCalls.Close(child); }
            }
        }
        finally { FdCalls.Close(dir); }
    }

    private static bool Exists(ContainerRoot lower, string path)
    {
        try
        {
            var fd = lower.Open(path, followFinal: false, FdCalls.OPath);
            FdCalls.Close(fd);
            return true;
        }
        catch (ArchiveException) { return false; }
    }

    private static long Size(int dirFd, HashSet<(ulong, ulong)> seen)
    {
        long total = 0;
        var dir = TarExport.OpenChild(dirFd, "", FdCalls.ORdOnly | FdCalls.ODirectory, "");
        try
        {
            foreach (var name in TarExport.Children(dir))
            {
                if (FdCalls.StatAt(dir, name, name) is not { } st) continue;
                if (st.IsDirectory)
                {
                    var child = FdCalls.OpenAt(dir, name, FdCalls.OPath | FdCalls.ODirectory | FdCalls.ONoFollow, 0, name);
                    try { total += Size(child, seen); }
                    finally { FdCalls.Close(child); }
                }
                else if (seen.Add((st.Device, st.Inode))) total += st.Size;
            }
        }
        finally { FdCalls.Close(dir); }
        return total;
    }

    private static bool IsId(string id) => id.Length == 64 && id.All(char.IsAsciiHexDigitLower);
}
