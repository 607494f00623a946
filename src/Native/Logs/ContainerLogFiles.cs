using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Berth.Native.Logs;

/// <summary>
/// Reads a container's log as conmon writes it (k8s-file: <c>&lt;RFC3339Nano&gt; &lt;stdout|stderr&gt; &lt;P|F&gt; &lt;text&gt;</c>,
/// one line each, P = partial). Partial pieces are joined into whole lines per stream; a last piece
/// the container never finished (<c>printf hi</c>) is given as it is, without a newline, as Docker
/// does. Following polls the file for what conmon appends while the caller says the container may
/// still write.
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
            var lines = new LogLineAssembler();
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
                    if (finalPass || !follow)
                    {
                        foreach (var unfinished in lines.Unfinished()) yield return unfinished;
                        yield break;
                    }
                    // Once the writer is done, read once more: what it wrote before finishing is then all there.
                    if (!mayStillWrite()) { finalPass = true; continue; }
                    await Task.Delay(FollowPoll, cancellationToken);
                    continue;
                }
                pending.Append(line);
                // ReadLineAsync also returns a final fragment without '\n': keep it until conmon finishes the line.
                if (file.Position == file.Length && !EndsWithNewline(file)) continue;
                if (lines.Add(pending.ToString()) is { } entry) yield return entry;
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
}

/// <summary>One line a container wrote: when, on which stream (stdout/stderr), and its text with the newline.</summary>
public sealed record LogEntry(DateTimeOffset Time, string Stream, string Text);
