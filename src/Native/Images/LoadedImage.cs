namespace Berth.Native.Images;

/// <summary>An image a load or import stored: its id and the tags now pointing at it (<c>Loaded image: busybox:latest</c>).</summary>
public sealed record LoadedImage(string Id, IReadOnlyList<string> Tags);
