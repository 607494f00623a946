namespace Berth.Actors.Inspection;

/// <summary>Docker's container path stat (<c>X-Docker-Container-Path-Stat</c>): name, size, Go file mode, mtime, symlink target.</summary>
public sealed record ContainerPathInfo(string Name, long Size, uint Mode, DateTimeOffset Modified, string LinkTarget);
