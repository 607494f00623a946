namespace Berth.Native.Runtime;

/// <summary>The numeric identity a container's init process runs as (OCI process.user).</summary>
public sealed record ProcessUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids)
{
    public static readonly ProcessUser Root = new(0, 0, []);
}
