using System.Formats.Tar;
using Berth.Native.Tests.Storage;

namespace Berth.Native.Tests.Archive;

/// <summary>A fake container root under a temp dir, beside a "host" directory a hostile symlink may aim at.</summary>
internal sealed class ArchiveFixture : IDisposable
{
    private readonly TempDir _temp = new();

    public ArchiveFixture()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Host);
        Directory.CreateDirectory(Path.Join(Root, "etc"));
        File.WriteAllText(Path.Join(Root, "etc", "hostname"), "box\n");
        File.WriteAllText(Path.Join(Host, "secret"), "host secret\n");
    }

    public string Root => _temp.Combine("rootfs");

    /// <summary>Stands for the host: nothing done inside the root may read or write here.</summary>
    public string Host => _temp.Combine("host");

    public string At(string containerPath) => Path.Join(Root, containerPath);

    public static async Task<Dictionary<string, (TarEntryType Type, string Content, string Link)>> ReadTar(Stream tar)
    {
        tar.Position = 0;
        var entries = new Dictionary<string, (TarEntryType, string, string)>();
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            var content = entry.DataStream is { } data ? await new StreamReader(data).ReadToEndAsync() : "";
            entries[entry.Name] = (entry.EntryType, content, entry.LinkName);
        }
        return entries;
    }

    public static MemoryStream Tar(params (string Name, TarEntryType Type, string ContentOrLink)[] entries)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, type, value) in entries)
            {
                var entry = new PaxTarEntry(type, name) { Mode = type == TarEntryType.Directory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4 };
                if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink) entry.LinkName = value;
                else if (type == TarEntryType.RegularFile) entry.DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(value));
                writer.WriteEntry(entry);
            }
        stream.Position = 0;
        return stream;
    }

    public void Dispose() => _temp.Dispose();
}
