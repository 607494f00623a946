using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Native.Network;

/// <summary>
/// The sandbox records on disk, one JSON file per container id. Writes are atomic (temp file,
/// fsync, rename), so a crash leaves either the old record or the new one, never half of one.
/// </summary>
public sealed class SandboxRecords(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string PathOf(string containerId) => Path.Combine(directory, containerId + ".json");

    public void Write(SandboxRecord record)
    {
        Directory.CreateDirectory(directory);
        var target = PathOf(record.ContainerId);
        var temp = target + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, record, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, target, overwrite: true);
        SyncDirectory(directory);
    }

    /// <summary>The record of <paramref name="containerId"/>, or null when it has none.</summary>
    public SandboxRecord? TryRead(string containerId)
    {
        var path = PathOf(containerId);
        try
        {
            return JsonSerializer.Deserialize<SandboxRecord>(File.ReadAllBytes(path), Json)
                   ?? throw new NetworkException(NetworkErrorKind.Internal, $"sandbox record {path} is empty");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new NetworkException(NetworkErrorKind.Internal, $"sandbox record {path} is unreadable: {e.Message}", e);
        }
    }

    /// <summary>Every readable record (an unreadable one is skipped: it reserves nothing).</summary>
    public IReadOnlyList<SandboxRecord> ReadAll()
    {
        if (!Directory.Exists(directory)) return [];
        var records = new List<SandboxRecord>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize<SandboxRecord>(File.ReadAllBytes(file), Json) is { } record) records.Add(record);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                // Removed concurrently, or damaged: it cannot take part in port reservations.
            }
        }
        return records;
    }

    /// <summary>fsync(2) of the directory, so the rename itself survives a power cut.</summary>
    private static unsafe void SyncDirectory(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + '\0');
        int fd;
        fixed (byte* p = bytes) fd = Tmds.Linux.LibC.open(p, Tmds.Linux.LibC.O_RDONLY | Tmds.Linux.LibC.O_DIRECTORY | Tmds.Linux.LibC.O_CLOEXEC);
        if (fd < 0) return; // best effort: the record itself is already flushed
        Tmds.Linux.LibC.fsync(fd);
        Tmds.Linux.LibC.close(fd);
    }

    public void Delete(string containerId)
    {
        if (!Directory.Exists(directory)) return;
        File.Delete(PathOf(containerId) + ".tmp");
        File.Delete(PathOf(containerId));
    }
}
