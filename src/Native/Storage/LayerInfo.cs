namespace Berth.Native.Storage;

/// <summary>
/// One unpacked image layer (persisted as <c>overlay/&lt;chain-hex&gt;/layer.json</c>): its ChainID
/// (the directory's name), DiffID, the ChainID under it, the bytes of file content it holds, and
/// the short name of its <c>l/</c> link used in overlay mount options.
/// </summary>
public sealed record LayerInfo(string ChainId, string DiffId, string? Parent, long Size, string Link);
