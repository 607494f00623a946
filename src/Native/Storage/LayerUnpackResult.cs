namespace Berth.Native.Storage;

/// <summary>What unpacking a layer tar found: its DiffID (sha256 of the uncompressed tar) and the bytes of file content written.</summary>
internal sealed record LayerUnpackResult(string DiffId, long Size);
