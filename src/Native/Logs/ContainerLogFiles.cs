using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Berth.Native.Logs;

/// <summary>
/// Reads a container's log as conmon writes it (k8s-file: <c>&lt;RFC3339Nano&gt; &lt;stdout|stderr&gt; &lt;P|F&gt; &lt;text&gt;</c>,
/// one line each, P = partial). Partial pieces are joined into whole lines; following polls the
/// file for what conmon appends while the caller says the container may still write.
/// </summary>
public sealed class ContainerLogFiles(string dataRoot)
{
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(50);

    public string PathOf(string containerId) => Path.Combine(dataRoot, "containers", containerId, "container.log");

    public async IAsyncEnumerable<LogEntry> ReadAsync(
        string containerId, bool follow, Func<bool> mayStillWrite, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = PathOf(containerId);
        while (!File.Exists(path))
        {
            if (!follow || !mayStillWrite()) yield break;
            await Task.Delay(FollowPoll, cancellationToken);
        }
        var file = Open(path);
        var inode = Inode(path);
        var reader = new StreamReader(file, Encoding.UTF8);
        try
        {
            var pending = new StringBuilder();
            var partial = new StringBuilder();
            var finalPass = false;
            while (!cancellationToken.IsCancellationRequested)
            {
                var line = await reader.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    if (follow && Replaced(path, file, inode))
                    {
                        // conmon started the log afresh (--log-size-max): go on from the new file's start.
                        reader.Dispose();
                        file = Open(path);
                        inode = Inode(path);
                        reader = new StreamReader(file, Encoding.UTF8);
                        pending.Clear();
                        continue;
                    }
                    if (finalPass || !follow) yield break;
                    // Once the writer is done, read once more: what it wrote before finishing is then all there.
                    if (!mayStillWrite()) { finalPass = true; continue; }
                    await Task.Delay(FollowPoll, cancellationToken);
                    continue;
                }
                pending.Append(line);
                // ReadLineAsync also returns a final fragment without '\n': keep it until conmon finishes the line.
                if (file.Position == file.Length && !EndsWithNewline(file)) continue;
                if (Parse(pending.ToString(), partial) is { } entry) yield return entry;
                pending.Clear();
            }
        }
        finally
        {
            reader.Dispose();
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>Was the file at <paramref name="path"/> replaced (renamed over: another inode) or truncated since <paramref name="open"/> was opened?</summary>
    private static bool Replaced(string path, FileStream open, ulong? openedInode)
    {
        try
        {
            var current = new FileInfo(path);
            if (!current.Exists) return false;
            if (current.Length < open.Position) return true;
            return Inode(path) is { } now && openedInode is { } then && now != then;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static ulong? Inode(string path) => Storage.Posix.Lstat(path)?.Inode;

    private static bool EndsWithNewline(FileStream file)
    {
        if (file.Length == 0) return true;
        var position = file.Position;
        try
        {
            file.Seek(-1, SeekOrigin.End);
            return file.ReadByte() == '\n';
        }
        finally
        {
            file.Position = position;
        }
    }

    /// <summary>Parses one k8s-file line; returns the whole line once its final (F) piece arrived.</summary>
    public static LogEntry? Parse(string line, StringBuilder partial)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 3) return null;
        if (!DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return null;
        partial.Append(parts.Length == 4 ? parts[3] : "");
        if (parts[2] == "P") return null;
        var text = partial.ToString();
        partial.Clear();
        return new LogEntry(time, parts[1], text + "\n");
    }
}

/// <summary>One line a container wrote: when, on which stream (stdout/stderr), and its text with the newline.</summary>
public sealed record LogEntry(DateTimeOffset Time, string Stream, string Text);
