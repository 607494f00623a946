namespace Berth.Native.Images;

/// <summary>What the store knows of an image besides its config (<c>image/images/&lt;hex&gt;.json</c>): when it was stored and its unpacked size.</summary>
internal sealed record ImageRecord(string Id, DateTimeOffset Loaded, long Size);
