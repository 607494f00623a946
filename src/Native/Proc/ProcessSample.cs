namespace Berth.Native.Proc;

/// <summary>
/// One process as /proc shows it, with what <c>ps</c> prints: ids, owner, state, terminal, start
/// time and CPU time (clock ticks), memory (RSS bytes, virtual size bytes), name and argv.
/// </summary>
public sealed record ProcessSample(
    int Pid, int ParentPid, uint Uid, char State, int TtyNr, long StartTicks, long CpuTicks,
    long RssBytes, long VirtualBytes, string Comm, IReadOnlyList<string> Args);
