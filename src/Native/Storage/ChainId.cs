namespace Berth.Native.Storage;

/// <summary>
/// ChainIDs as the OCI image spec defines them: a name for a layer together with every layer
/// under it. ChainID(L0) = DiffID(L0); ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)).
/// Two images that share their bottom layers share those layers' ChainIDs, and so their
/// unpacked directories.
/// </summary>
public static class ChainId
{
    /// <summary>The ChainID of a layer with DiffID <paramref name="diffId"/> on top of <paramref name="parent"/>.</summary>
    public static string Next(string? parent, string diffId)
    {
        Digests.Hex(diffId);
        if (parent is null) return diffId;
        Digests.Hex(parent);
        return Digests.Sha256(parent + " " + diffId);
    }

    /// <summary>The ChainIDs of a stack of layers given bottom first; the last one names the whole stack.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> diffIds)
    {
        var chain = new List<string>();
        string? parent = null;
        foreach (var diffId in diffIds) chain.Add(parent = Next(parent, diffId));
        return chain;
    }
}
