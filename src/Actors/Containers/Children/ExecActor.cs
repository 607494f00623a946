using Akka.Actor;
using Berth.Actors.Hosting;
using Berth.Native.Runtime;

namespace Berth.Actors.Containers.Children;

/// <summary>
/// Runs one exec of a container (child <c>exec-&lt;id&gt;</c>): launches its monitor, attaches when the
/// client wants its stdio, starts it, then watches it to the end and reports each step to the
/// container. Stopping the child (container removed, daemon down) lets go of the monitor's pipes;
/// the process is the container's and ends with it.
/// </summary>
public sealed class ExecActor : ReceiveActor
{
    private readonly CancellationTokenSource _stopping = new();
    private IExecProcess? _process;

    public ExecActor(string containerId, string execId, ExecSpec spec, bool attach, ITaskRuntime runtime, IActorRef replyTo)
    {
        var parent = Context.Parent;
        var self = Self;
        var token = _stopping.Token;
        Receive<Launched>(m => _process = m.Process);
        Receive<ResizeExecProcess>(m =>
        {
            try
            {
                if (_process is null) throw new InvalidOperationException("the exec process is not running");
                _process.Resize(m.Height, m.Width);
                m.ReplyTo.Tell(new Done(execId));
            }
            catch (Exception e)
            {
                m.ReplyTo.Tell(new Rejected(ErrorKind.Conflict, $"cannot resize exec {execId}: {e.Message}"));
            }
        });
        Task.Run(() => RunAsync(containerId, execId, spec, attach, runtime, replyTo, parent, self, token), token);
    }

    public static Props Props(string containerId, string execId, ExecSpec spec, bool attach, ITaskRuntime runtime, IActorRef replyTo) =>
        Akka.Actor.Props.Create(() => new ExecActor(containerId, execId, spec, attach, runtime, replyTo));

    private static async Task RunAsync(string containerId, string execId, ExecSpec spec, bool attach, ITaskRuntime runtime,
        IActorRef replyTo, IActorRef parent, IActorRef self, CancellationToken token)
    {
        IExecProcess? process = null;
        ContainerStream? stream = null;
        var started = false;
        try
        {
            process = await runtime.LaunchExecAsync(containerId, execId, spec, token).ConfigureAwait(false);
            self.Tell(new Launched(process));
            if (attach) stream = new ContainerStream(await process.AttachAsync(token).ConfigureAwait(false));
            var pid = await process.StartAsync(token).ConfigureAwait(false);
            started = true;
            parent.Tell(new ExecProcessStarted(execId, pid, stream, replyTo));
            var code = await process.WaitAsync(token).ConfigureAwait(false);
            parent.Tell(new ExecProcessExited(execId, code));
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // The container or the daemon is going away; nobody is left to tell.
        }
        catch (Exception e)
        {
            if (!started && stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            var invalid = e is RuntimeException { Kind: RuntimeErrorKind.InvalidArgument };
            var notFound = e.Message.Contains("not found", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("no such file", StringComparison.OrdinalIgnoreCase);
            parent.Tell(started
                ? new ExecProcessExited(execId, 137)
                : new ExecProcessFailed(execId, e.Message, notFound ? 127 : 126, invalid, replyTo));
        }
        finally
        {
            if (process is not null) await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private sealed record Launched(IExecProcess Process);
}
