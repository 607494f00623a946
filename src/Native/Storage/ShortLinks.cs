using System.Security.Cryptography;

namespace Berth.Native.Storage;

/// <summary>
/// The <c>overlay/l/</c> directory (Docker overlay2's trick): a 26-character symlink per layer,
/// <c>l/ABC… → ../&lt;dir&gt;/diff</c>, so that an overlay's lowerdir list of many layers still fits
/// in the one page of mount data the kernel accepts.
/// </summary>
internal sealed class ShortLinks(string overlayRoot)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public string Directory { get; } = Path.Join(overlayRoot, "l");

    /// <summary>Links a new short name to <c>&lt;dirName&gt;/diff</c>; returns the name.</summary>
    public string Create(string dirName)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var id = RandomNumberGenerator.GetString(Alphabet, 26);
        File.CreateSymbolicLink(PathOf(id), $"../{dirName}/diff");
        return id;
    }

    /// <summary>The absolute path of a short link (what goes into lowerdir=).</summary>
    public string PathOf(string id) => Path.Join(Directory, id);

    public void Remove(string id)
    {
        if (id.Length > 0 && !id.Contains('/')) File.Delete(PathOf(id));
    }

    /// <summary>Removes links whose layer is gone (a crash between linking and renaming the layer into place).</summary>
    public void SweepDangling()
    {
        if (!System.IO.Directory.Exists(Directory)) return;
        foreach (var link in System.IO.Directory.EnumerateFileSystemEntries(Directory))
            if (!System.IO.Directory.Exists(link)) File.Delete(link); // Exists follows the link
    }
}
