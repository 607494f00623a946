using Akka.Actor;

namespace Berth.Actors.Containers.Children;

/// <summary>
/// Base of the children that drive a Native interface: each step runs asynchronously off the
/// mailbox and its outcome comes back to the container as a message — a report on success, a
/// <see cref="StepFailed"/> on failure. Pending steps are cancelled when the child stops (daemon
/// shutdown), which leaves the OS resources in place for live-restore.
/// </summary>
public abstract class NativeStepActor : ReceiveActor
{
    private readonly CancellationTokenSource _stopping = new();

    protected CancellationToken Stopping => _stopping.Token;

    protected void Run(string step, Func<CancellationToken, Task<object>> operation, IActorRef? replyTo = null)
    {
        var parent = Context.Parent;
        var token = _stopping.Token;
        // Task.Run keeps a synchronous prefix of the operation off the actor's thread.
        Task.Run(() => operation(token), token).ContinueWith(t =>
        {
            if (token.IsCancellationRequested) return;
            parent.Tell(t.IsCompletedSuccessfully ? t.Result : new StepFailed(step, Describe(t.Exception), replyTo) { Kind = KindOf(t.Exception) });
        }, TaskScheduler.Default);
    }

    protected void Run(string step, Func<CancellationToken, Task> operation, object report, IActorRef? replyTo = null) =>
        Run(step, async token => { await operation(token).ConfigureAwait(false); return report; }, replyTo);

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    /// <summary>A network refusal keeps its class; anything else is the daemon's failure.</summary>
    private static ErrorKind? KindOf(AggregateException? error) => error?.InnerExceptions is [Berth.Native.Network.NetworkException { } e] and not [Berth.Native.Network.CniException]
        ? e.Kind switch
        {
            Berth.Native.Network.NetworkErrorKind.NotFound => ErrorKind.NotFound,
            Berth.Native.Network.NetworkErrorKind.Conflict => ErrorKind.Conflict,
            Berth.Native.Network.NetworkErrorKind.InvalidParameter => ErrorKind.InvalidParameter,
            _ => null,
        }
        : null;

    private static string Describe(AggregateException? error) =>
        error?.InnerExceptions is [var single] ? single.Message : error?.Message ?? "cancelled";
}
