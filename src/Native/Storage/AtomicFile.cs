using System.Text.Json;

namespace Berth.Native.Storage;

/// <summary>
/// Writes a file so that a crash leaves either the old content or the new, never a torn one:
/// write a temporary sibling, fsync it, rename it over the target.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static void WriteJson<T>(string path, T value, JsonSerializerOptions options) =>
        Write(path, JsonSerializer.SerializeToUtf8Bytes(value, options));
}
