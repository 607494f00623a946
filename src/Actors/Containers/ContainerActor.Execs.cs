using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Actors.Lifecycle;
using Berth.Actors.Registry;
using Berth.Native.Runtime;

namespace Berth.Actors.Containers;

// Attach, resize and exec. None of it is journaled: an attach is a connection and an exec instance
// lives in memory, as in Docker (an exec does not survive its container's run or the daemon).
public sealed partial class ContainerActor
{
    /// <summary>How many ended execs a container keeps for inspection before the oldest are forgotten.</summary>
    private const int KeptEndedExecs = 256;

    private readonly Dictionary<string, ExecInstance> _execs = new(StringComparer.Ordinal);
    private readonly Queue<string> _execOrder = new();
    private readonly List<(string ExecId, IActorRef ReplyTo)> _execWaiters = new();
    private readonly List<IActorRef> _pendingAttachers = new();

    /// <summary>Registered before the generic command handler, so these never reach <see cref="CommandRules"/>.</summary>
    private void ExecCommands()
    {
        Command<AttachContainer>(m => { if (Allowed(m)) OnAttach(Sender); });
        Command<ResizeContainer>(m => { if (Allowed(m)) TaskChild.Tell(new ResizeTask(m.Height, m.Width, Sender)); });
        Command<CreateExec>(m => { if (Allowed(m)) OnCreateExec(m.Config, Sender); });
        Command<StartExec>(m => OnStartExec(m, Sender));
        Command<InspectExec>(m => WithExec(m.ExecId, Sender, e => Sender.Tell(new ExecDetails(_id, e))));
        Command<WaitExec>(m => WithExec(m.ExecId, Sender, e =>
        {
            if (e.ExitCode is not null) Sender.Tell(new ExecDetails(_id, e));
            else _execWaiters.Add((e.Id, Sender));
        }));
        Command<ResizeExec>(m => WithExec(m.ExecId, Sender, e =>
        {
            var child = Context.Child(ExecChildName(e.Id));
            if (e.Running && !child.IsNobody()) child.Tell(new ResizeExecProcess(m.Height, m.Width, Sender));
            else Sender.Tell(new Rejected(ErrorKind.Conflict, $"exec {e.Id} is not running"));
        }));
    }

    /// <summary>What exec children report; handled in every behaviour, since an exec runs beside any sequence.</summary>
    private void ExecReports()
    {
        Command<ExecProcessStarted>(m =>
        {
            Update(m.ExecId, e => e with { Running = true, Pid = m.Pid });
            m.ReplyTo.Tell(new ExecStarted(m.Stream));
        });
        Command<ExecProcessExited>(m => EndExec(m.ExecId, m.ExitCode));
        Command<ExecProcessFailed>(m =>
        {
            m.ReplyTo.Tell(new Rejected(m.BadRequest ? ErrorKind.InvalidParameter : ErrorKind.Internal, m.Error));
            EndExec(m.ExecId, m.ExitCode);
        });
    }

    /// <summary>Checks the status rules; a refusal is answered here.</summary>
    private bool Allowed(IContainerCommand command)
    {
        if (CommandRules.Check(command, _state) is not { } refusal) return true;
        Sender.Tell(refusal);
        return false;
    }

    private void OnAttach(IActorRef replyTo)
    {
        if (_state.Status is ContainerStatus.Running or ContainerStatus.Paused) TaskChild.Tell(new AttachTask(replyTo));
        // Docker's attach to a container that is not running waits for its next start.
        else _pendingAttachers.Add(replyTo);
    }

    /// <summary>The attachers the coming start must connect before the process runs.</summary>
    private IReadOnlyList<IActorRef> TakeAttachers()
    {
        var attachers = _pendingAttachers.ToList();
        _pendingAttachers.Clear();
        return attachers;
    }

    private void OnCreateExec(ExecConfig config, IActorRef replyTo)
    {
        if (config.Cmd.Count == 0) { replyTo.Tell(new Rejected(ErrorKind.InvalidParameter, "No exec command specified")); return; }
        var id = new ContainerIdGenerator().NewId();
        _execs[id] = new ExecInstance(id, config);
        _execOrder.Enqueue(id);
        ForgetOldExecs();
        replyTo.Tell(new ExecCreated(id, _id));
    }

    private void OnStartExec(StartExec start, IActorRef replyTo) => WithExec(start.ExecId, replyTo, exec =>
    {
        if (exec.ExitCode is not null) { replyTo.Tell(new Rejected(ErrorKind.Conflict, $"exec command {exec.Id} has already run")); return; }
        if (exec.Started) { replyTo.Tell(new Rejected(ErrorKind.Conflict, $"Error: Exec command {exec.Id} is already running")); return; }
        if (CommandRules.Check(start, _state) is { } refusal) { replyTo.Tell(refusal); return; }
        var c = exec.Config;
        var spec = new ExecSpec(c.Cmd, c.Env, c.User, c.WorkingDir, c.Tty, Stdin: c.AttachStdin && !start.Detach, c.Privileged, c.ConsoleSize);
        Update(exec.Id, e => e with { Started = true });
        Context.ActorOf(ExecActor.Props(_id, exec.Id, spec, attach: !start.Detach, _services.Runtime, replyTo), ExecChildName(exec.Id));
    });

    private void EndExec(string execId, int exitCode)
    {
        Update(execId, e => e with { Running = false, ExitCode = exitCode });
        var child = Context.Child(ExecChildName(execId));
        if (!child.IsNobody()) Context.Stop(child);
        if (!_execs.TryGetValue(execId, out var ended)) return;
        foreach (var waiter in _execWaiters.Where(w => w.ExecId == execId).ToList())
        {
            waiter.ReplyTo.Tell(new ExecDetails(_id, ended));
            _execWaiters.Remove(waiter);
        }
        ForgetOldExecs();
    }

    private void WithExec(string execId, IActorRef replyTo, Action<ExecInstance> then)
    {
        if (_execs.TryGetValue(execId, out var exec)) then(exec);
        else replyTo.Tell(new Rejected(ErrorKind.NotFound, $"No such exec instance: {execId}"));
    }

    private void Update(string execId, Func<ExecInstance, ExecInstance> change)
    {
        if (_execs.TryGetValue(execId, out var exec)) _execs[execId] = change(exec);
    }

    private void ForgetOldExecs()
    {
        var ended = _execs.Values.Count(e => e.ExitCode is not null);
        var keep = new Queue<string>();
        while (_execOrder.TryDequeue(out var id))
        {
            if (ended > KeptEndedExecs && _execs.TryGetValue(id, out var e) && e.ExitCode is not null)
            {
                _execs.Remove(id);
                ended--;
            }
            else keep.Enqueue(id);
        }
        foreach (var id in keep) _execOrder.Enqueue(id);
    }

    /// <summary>Whoever still waits on this container's streams or execs hears it is gone.</summary>
    private void RejectStreamWaiters(string why)
    {
        foreach (var attacher in _pendingAttachers) attacher.Tell(new Rejected(ErrorKind.NotFound, why));
        _pendingAttachers.Clear();
        foreach (var (_, replyTo) in _execWaiters) replyTo.Tell(new Rejected(ErrorKind.NotFound, why));
        _execWaiters.Clear();
    }

    protected override void PostStop()
    {
        RejectStreamWaiters($"No such container: {_id}");
        base.PostStop();
    }

    private static string ExecChildName(string execId) => "exec-" + execId;
}
