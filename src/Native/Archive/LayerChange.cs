namespace Berth.Native.Archive;

/// <summary>One line of <c>docker diff</c>: a path in the container and Docker's kind (0 modified, 1 added, 2 deleted).</summary>
public sealed record LayerChange(string Path, int Kind)
{
    public const int Modified = 0, Added = 1, Deleted = 2;
}
