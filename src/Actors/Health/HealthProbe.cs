using System.Text;
using Akka.Actor;
using Berth.Native.Runtime;

namespace Berth.Actors.Health;

/// <summary>
/// One health probe through the container's exec path (the runtime's exec under its own monitor): launch,
/// attach, start, keep the first 4 KiB of stdout and stderr together, wait for the exit, tell the monitor.
/// Runs off the actor's thread; the monitor kills the process through <see cref="ProbeLaunched"/> on timeout.
/// </summary>
internal static class HealthProbe
{
    /// <summary>Docker's maxOutputLen: the rest of a probe's output is dropped.</summary>
    public const int MaxOutput = 4096;

    /// <summary>How long the output may still trail the exit before the probe is reported without the rest.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(ITaskRuntime runtime, string containerId, string execId, ExecSpec spec, int probe, IActorRef monitor, CancellationToken token)
    {
        IExecProcess? process = null;
        var output = new MemoryStream();
        try
        {
            process = await runtime.LaunchExecAsync(containerId, execId, spec, token).ConfigureAwait(false);
            monitor.Tell(new ProbeLaunched(probe, process));
            await using var stream = await process.AttachAsync(token).ConfigureAwait(false);
            await process.StartAsync(token).ConfigureAwait(false);
            var reading = ReadAsync(stream, output, token);
            var code = await process.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await reading.WaitAsync(OutputGrace, token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The monitor did not close the stream yet: what arrived so far is the output.
            }
            monitor.Tell(new ProbeEnded(probe, code, Text(output), null));
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // The monitor is gone (the container stopped or was paused): nobody is left to tell.
        }
        catch (Exception e)
        {
            monitor.Tell(new ProbeEnded(probe, -1, Text(output), e.Message));
        }
        finally
        {
            if (process is not null) await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task ReadAsync(IAttachStream stream, MemoryStream output, CancellationToken token)
    {
        var buffer = new byte[MaxOutput];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, token).ConfigureAwait(false);
                if (read.Count == 0) return;
                lock (output)
                {
                    var room = MaxOutput - (int)output.Length;
                    if (room > 0) output.Write(buffer, 0, Math.Min(room, read.Count));
                }
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A broken output stream loses output, not the probe: its exit code still decides.
        }
    }

    private static string Text(MemoryStream output)
    {
        lock (output) return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
    }
}
