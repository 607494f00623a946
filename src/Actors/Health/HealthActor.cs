using Akka.Actor;
using Berth.Actors.Registry;
using Berth.Native;
using Berth.Native.Runtime;

namespace Berth.Actors.Health;

/// <summary>
/// The health monitor of one running container (a child of its Container actor, made when the task starts,
/// stopped at its exit or pause), as Docker's monitor: after each interval one probe, an exec in the container;
/// a probe past its timeout is killed and counts as a failure (exit -1). After every probe it reports the status
/// (<see cref="HealthMachine"/>), the streak and the last 5 results to its parent, which journals the changes.
/// </summary>
public sealed class HealthActor : ReceiveActor, IWithTimers
{
    /// <summary>Docker's maxLogEntries and maxOutputLen.</summary>
    private const int KeptResults = 5;

    private readonly string _containerId;
    private readonly HealthPlan _plan;
    private readonly DateTimeOffset _startedAt;
    private readonly ITaskRuntime _runtime;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Queue<HealthProbeResult> _log;
    private HealthMachine _health;
    private int _probe;
    private DateTimeOffset _probeStart;
    private IExecProcess? _process;
    private bool _timedOut;

    public HealthActor(string containerId, HealthPlan plan, DateTimeOffset startedAt, HealthMachine initial,
        IReadOnlyList<HealthProbeResult> log, ITaskRuntime runtime, TimeProvider clock)
    {
        _containerId = containerId;
        _plan = plan;
        _startedAt = startedAt;
        _health = initial;
        _log = new Queue<HealthProbeResult>(log.TakeLast(KeptResults));
        _runtime = runtime;
        _clock = clock;
        Receive<ProbeDue>(_ => BeginProbe());
        Receive<ProbeLaunched>(OnLaunched);
        Receive<ProbeTimedOut>(m => m.Probe == _probe, _ => OnTimedOut());
        Receive<ProbeEnded>(m => m.Probe == _probe, OnEnded);
        // A report about an earlier probe (one that ended after its timeout was handled) is no news.
        Receive<ProbeTimedOut>(_ => { });
        Receive<ProbeEnded>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string containerId, HealthPlan plan, DateTimeOffset startedAt, HealthMachine initial,
        IReadOnlyList<HealthProbeResult> log, ITaskRuntime runtime, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new HealthActor(containerId, plan, startedAt, initial, log, runtime, clock));

    protected override void PreStart()
    {
        // The timer first: whoever sees the report may count on the next probe being due.
        ScheduleNext();
        Report();
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private void BeginProbe()
    {
        _probe++;
        _probeStart = _clock.GetUtcNow();
        _process = null;
        _timedOut = false;
        Timers.StartSingleTimer("timeout", new ProbeTimedOut(_probe), _plan.Timeout);
        var spec = new ExecSpec(_plan.Args, [], null, null, Tty: false, Stdin: false, Privileged: false);
        var (self, probe, token) = (Self, _probe, _stopping.Token);
        Task.Run(() => HealthProbe.RunAsync(_runtime, _containerId, new ContainerIdGenerator().NewId(), spec, probe, self, token), token);
    }

    private void OnLaunched(ProbeLaunched m)
    {
        if (m.Probe != _probe) { m.Process.Kill(Signals.SIGKILL); return; }
        _process = m.Process;
        if (_timedOut) _process.Kill(Signals.SIGKILL);
    }

    /// <summary>Docker cancels the exec (its process is killed) and waits for it to end, so dying probes never pile up.</summary>
    private void OnTimedOut()
    {
        _timedOut = true;
        _process?.Kill(Signals.SIGKILL);
    }

    private void OnEnded(ProbeEnded m)
    {
        Timers.Cancel("timeout");
        var result = _timedOut
            ? new HealthProbeResult(_probeStart, _clock.GetUtcNow(), -1, TimeoutText(m.Output))
            : new HealthProbeResult(_probeStart, _clock.GetUtcNow(), m.Error is null ? m.ExitCode : -1, m.Error ?? m.Output);
        _process = null;
        _log.Enqueue(result);
        while (_log.Count > KeptResults) _log.Dequeue();
        _health = _health.After(result.ExitCode, result.Start - _startedAt < _plan.StartPeriod, _plan.Retries);
        ScheduleNext();
        Report();
    }

    private string TimeoutText(string output)
    {
        var text = $"Health check exceeded timeout ({GoDurationText.Format(_plan.Timeout)})";
        return output.Length > 0 ? text + ": " + output : text;
    }

    private void Report() => Context.Parent.Tell(new HealthReport(_health, _log.ToList()));

    private void ScheduleNext() =>
        Timers.StartSingleTimer("probe", new ProbeDue(), _plan.NextInterval(_health.Status, _clock.GetUtcNow() - _startedAt));
}
