using Berth.Native.Cgroups;
using Berth.Native.Proc;

namespace Berth.Actors.Inspection;

/// <summary>
/// What docker top and docker stats read of a running container: its processes (the pids in its
/// cgroup, found from its init process's /proc/&lt;pid&gt;/cgroup) and its cgroup counters. The init
/// process is named by pid and start time, so a recycled pid reads as "not running", never as
/// someone else's process.
/// </summary>
public sealed class ContainerMetrics(ProcFs proc, CgroupReader cgroups, TimeProvider clock)
{
    public ContainerMetrics(TimeProvider clock) : this(new ProcFs(), new CgroupReader(), clock) { }

    /// <summary>docker top; null when the init process is gone. Throws <see cref="FileAccessException"/> for ps arguments berth does not know.</summary>
    public TopView? Top(int pid, long pidStartTime, string psArgs)
    {
        var columns = PsTable.Columns(psArgs)
            ?? throw new FileAccessException(ErrorKind.InvalidParameter,
                $"ps_args \"{psArgs}\" is not supported: use -ef (default), -e, -f, aux, or -o/-eo with a field list");
        if (!Columns(columns).Contains("pid"))
            throw new FileAccessException(ErrorKind.InvalidParameter, "Couldn't find PID field in ps output");
        if (!IsAlive(pid, pidStartTime)) return null;
        var pids = cgroups.Pids(proc.Cgroups(pid));
        if (pids.Count == 0) pids = [pid];
        var table = new PsTable(clock.GetUtcNow(), proc.BootTime(), proc.Uptime(), proc.MemTotal(), HostUsers.Read());
        var rows = pids.Select(proc.Process).OfType<ProcessSample>().Select(p => table.Row(columns, p)).ToList();
        return new TopView(PsTable.Titles(columns), rows);
    }

    /// <summary>One stats reading; null when the init process is gone.</summary>
    public ContainerUsage? Usage(int pid, long pidStartTime)
    {
        if (!IsAlive(pid, pidStartTime)) return null;
        var s = cgroups.Read(proc.Cgroups(pid));
        var nets = proc.NetDev(pid).Select(n => new NetworkCounters(n.Name, n.RxBytes, n.RxPackets, n.RxErrors, n.RxDropped,
            n.TxBytes, n.TxPackets, n.TxErrors, n.TxDropped)).ToList();
        static List<BlkioValue> Io(IReadOnlyList<BlkioEntry> list) => list.Select(b => new BlkioValue(b.Major, b.Minor, b.Op, b.Value)).ToList();
        return new ContainerUsage(clock.GetUtcNow(), s.CpuTotal, s.CpuPerCpu, s.CpuKernel, s.CpuUser,
            s.ThrottlePeriods, s.ThrottledPeriods, s.ThrottledTime, proc.SystemCpuNanos(), Environment.ProcessorCount,
            s.MemoryUsage, s.MemoryMaxUsage, s.MemoryLimit != 0 ? s.MemoryLimit : (ulong)proc.MemTotal(), s.MemoryFailcnt, s.MemoryStat,
            s.PidsCurrent, s.PidsLimit, Io(s.IoServiceBytes), Io(s.IoServiced), nets);
    }

    private static string[] Columns(string[] columns) => columns;

    private bool IsAlive(int pid, long startTime) => pid > 0 && proc.Process(pid) is { } p && p.StartTicks == startTime && p.State is not ('Z' or 'X');
}
