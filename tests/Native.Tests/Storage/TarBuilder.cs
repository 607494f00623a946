using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Berth.Native.Tests.Storage;

/// <summary>Builds layer tars in memory for tests, including ones no honest tool would write.</summary>
internal sealed class TarBuilder
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<TarEntry> _entries = [];

    public TarBuilder Dir(string name, UnixFileMode mode = (UnixFileMode)0b111_101_101, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.Directory, name) { Mode = mode, Uid = uid, Gid = gid, ModificationTime = Epoch });

    public TarBuilder File(string name, string content, UnixFileMode mode = (UnixFileMode)0b110_100_100, int uid = 0, int gid = 0,
        DateTimeOffset? modified = null) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = mode, Uid = uid, Gid = gid, ModificationTime = modified ?? Epoch,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        });

    public TarBuilder Symlink(string name, string target, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Uid = uid, Gid = gid, ModificationTime = Epoch });

    public TarBuilder HardLink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, ModificationTime = Epoch });

    public TarBuilder CharDevice(string name, int major, int minor, UnixFileMode mode = (UnixFileMode)0b110_110_110) =>
        Add(new PaxTarEntry(TarEntryType.CharacterDevice, name) { DeviceMajor = major, DeviceMinor = minor, Mode = mode, ModificationTime = Epoch });

    public TarBuilder Fifo(string name) =>
        Add(new PaxTarEntry(TarEntryType.Fifo, name) { Mode = (UnixFileMode)0b110_100_100, ModificationTime = Epoch });

    /// <summary>An entry written as a GNU header, for names PAX would refuse nothing about but which other tools write.</summary>
    public TarBuilder Gnu(TarEntryType type, string name, string? linkName = null) =>
        Add(new GnuTarEntry(type, name) { LinkName = linkName ?? "", ModificationTime = Epoch, Mode = (UnixFileMode)0b110_100_100 });

    public byte[] Build()
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        return buffer.ToArray();
    }

    public byte[] BuildGzip()
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Build());
        return buffer.ToArray();
    }

    private TarBuilder Add(TarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }
}
