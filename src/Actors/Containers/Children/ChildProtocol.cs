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
/// <summary><c>Attachers</c> asked to attach before the start: each is connected once the task exists and
/// before its process runs, and told <see cref="Attached"/>.</summary>
public sealed record StartTask(BundleInfo Bundle, TaskSpec Spec, IReadOnlyList<IActorRef>? Attachers = null);
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
/// <summary>Apply new cgroup limits to the running task; the child reports <see cref="TaskUpdated"/> carrying the config to journal.</summary>
public sealed record UpdateTask(TaskResources Resources, Journal.Model.HostConfig HostConfig, IActorRef ReplyTo);
public sealed record TaskUpdated(Journal.Model.HostConfig HostConfig, IActorRef ReplyTo);
public sealed record DeleteTask;
public sealed record TaskDeleteDone;
public sealed record ProbeTask(TaskHandle Handle);
public sealed record TaskProbed(TaskProbe Probe);
public sealed record AttachTask(IActorRef ReplyTo);
public sealed record ResizeTask(int Height, int Width, IActorRef ReplyTo);

// exec-<id> children
/// <summary>The exec's process runs: reply to <c>ReplyTo</c> with <see cref="ExecStarted"/>.</summary>
public sealed record ExecProcessStarted(string ExecId, int Pid, Hosting.ContainerStream? Stream, IActorRef ReplyTo);
public sealed record ExecProcessExited(string ExecId, int ExitCode);
/// <summary>The exec could not be run; <c>ExitCode</c> is Docker's for the cause (126 cannot run, 127 not found).</summary>
public sealed record ExecProcessFailed(string ExecId, string Error, int ExitCode, bool BadRequest, IActorRef ReplyTo);
public sealed record ResizeExecProcess(int Height, int Width, IActorRef ReplyTo);
