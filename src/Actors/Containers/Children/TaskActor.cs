using Akka.Actor;
using Berth.Native.Runtime;

namespace Berth.Actors.Containers.Children;

/// <summary>
/// Owns a container's runtime process (child <c>task</c>): bundle, start under the monitor, exit
/// watch, signals, freeze/thaw, delete. The exit watch ends with the child; the process does not.
/// </summary>
public sealed class TaskActor : NativeStepActor
{
    public TaskActor(string containerId, ITaskRuntime runtime)
    {
        Receive<WriteBundle>(m => Run("build spec",
            async t => new BundleReady(await runtime.WriteBundleAsync(containerId, m.Spec, t).ConfigureAwait(false))));
        Receive<StartTask>(m => Run("start task",
            async t => new TaskRunning(await runtime.StartAsync(containerId, m.Bundle, m.Spec, t).ConfigureAwait(false))));
        Receive<WatchTask>(m => Run("watch task",
            async t => new TaskExitObserved(await runtime.WaitForExitAsync(containerId, m.Handle, t).ConfigureAwait(false))));
        Receive<SignalTask>(m => Run("signal task", t => runtime.SignalAsync(containerId, m.Signal, t), new TaskSignalled(m.Signal, m.ReplyTo), m.ReplyTo));
        Receive<PauseTask>(m => Run("pause task", t => runtime.PauseAsync(containerId, t), new TaskPaused(m.ReplyTo), m.ReplyTo));
        Receive<ResumeTask>(m => Run("unpause task", t => runtime.ResumeAsync(containerId, t), new TaskResumed(m.ReplyTo), m.ReplyTo));
        Receive<UpdateTask>(m => Run("update task", t => runtime.UpdateAsync(containerId, m.Resources, t), new TaskUpdated(m.HostConfig, m.ReplyTo), m.ReplyTo));
        Receive<DeleteTask>(_ => Run("delete task", t => runtime.DeleteAsync(containerId, t), new TaskDeleteDone()));
        Receive<ProbeTask>(m => Run("probe task",
            async t => new TaskProbed(await runtime.ProbeAsync(containerId, m.Handle, t).ConfigureAwait(false))));
    }

    public static Props Props(string containerId, ITaskRuntime runtime) =>
        Akka.Actor.Props.Create(() => new TaskActor(containerId, runtime));
}
