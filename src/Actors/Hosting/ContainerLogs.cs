using System.Runtime.CompilerServices;
using Berth.Native.Logs;

namespace Berth.Actors.Hosting;

/// <summary>The daemon's reader of container logs (what the API's logs route streams), over the log files the monitor writes.</summary>
public sealed class ContainerLogs(string dataRoot)
{
    private readonly ContainerLogFiles _files = new(dataRoot);

    public async IAsyncEnumerable<LogLine> ReadAsync(
        string containerId, bool follow, Func<bool> mayStillWrite, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in _files.ReadAsync(containerId, follow, mayStillWrite, cancellationToken))
            yield return new LogLine(entry.Time, entry.Stream == "stderr", entry.Text);
    }
}

/// <summary>One line of a container's output.</summary>
public sealed record LogLine(DateTimeOffset Time, bool IsStderr, string Text);
