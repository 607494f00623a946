using Akka.Actor;
using Berth.Native.Network;
using Berth.Native.Runtime;

namespace Berth.Actors.Containers.Children;

// What a container actor asks of its children, and what they report back. Reports are protocol
// messages, not facts: the container turns a report into a journaled event.

/// <summary>A child's OS step failed; <c>Step</c> names it for the error the user reads. <c>ReplyTo</c>
/// is the requester of a one-step command (pause, signal) who must hear of the failure.</summary>
public sealed record StepFailed(string Step, string Error, IActorRef? ReplyTo = null)
{
    /// <summary>The refusal class when the OS boundary said the request was at fault (unknown network: NotFound…).</summary>
    public ErrorKind? Kind { get; init; }
}

// sandbox
public sealed record AllocateNetwork(SandboxRequest Request);
public sealed record NetworkReady(SandboxInfo Sandbox);
public sealed record ReleaseNetwork;
public sealed record NetworkReleaseDone;
public sealed record ConnectSandbox(SandboxNetworkRequest Network);
public sealed record SandboxConnected(SandboxEndpoint Endpoint);
public sealed record DisconnectSandbox(string Network);
public sealed record SandboxDisconnected(string Network);

// rwlayer
public sealed record CreateRwLayer(string ImageId);
public sealed record RwLayerReady;
public sealed record MountRootfs;
public sealed record RootfsReady(string MountPath);
public sealed record UnmountRootfs;
public sealed record RootfsUnmountDone;
public sealed record RemoveRwLayer;
public sealed record RwLayerRemoved;

// task
public sealed record WriteBundle(TaskSpec Spec);
public sealed record BundleReady(BundleInfo Bundle);
public sealed record StartTask(BundleInfo Bundle, TaskSpec Spec);
public sealed record TaskRunning(TaskHandle Handle);
/// <summary>Watch the task until it exits; the child reports <see cref="TaskExitObserved"/> once.</summary>
public sealed record WatchTask(TaskHandle Handle);
public sealed record TaskExitObserved(TaskExit Exit);
public sealed record SignalTask(int Signal, IActorRef ReplyTo);
public sealed record TaskSignalled(int Signal, IActorRef ReplyTo);
public sealed record PauseTask(IActorRef ReplyTo);
public sealed record TaskPaused(IActorRef ReplyTo);
public sealed record ResumeTask(IActorRef ReplyTo);
public sealed record TaskResumed(IActorRef ReplyTo);
public sealed record DeleteTask;
public sealed record TaskDeleteDone;
public sealed record ProbeTask(TaskHandle Handle);
public sealed record TaskProbed(TaskProbe Probe);
