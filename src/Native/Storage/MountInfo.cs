namespace Berth.Native.Storage;

/// <summary>
/// One line of <c>/proc/self/mountinfo</c>: the mount point (octal escapes such as <c>\040</c>
/// decoded), the file-system type and the mount source.
/// </summary>
public sealed record MountInfo(int Id, int ParentId, string MountPoint, string FsType, string Source)
{
    /// <summary>Every mount of this process's mount namespace, in kernel order.</summary>
    public static IReadOnlyList<MountInfo> ReadAll(string path = "/proc/self/mountinfo") =>
        File.ReadAllLines(path).Select(Parse).OfType<MountInfo>().ToList();

    /// <summary>Parses one line; null if it is malformed.</summary>
    public static MountInfo? Parse(string line)
    {
        // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
        var fields = line.Split(' ');
        var dash = Array.IndexOf(fields, "-");
        if (fields.Length < 5 || dash < 6 || dash + 2 >= fields.Length) return null;
        if (!int.TryParse(fields[0], out var id) || !int.TryParse(fields[1], out var parent)) return null;
        return new MountInfo(id, parent, Unescape(fields[4]), fields[dash + 1], Unescape(fields[dash + 2]));
    }

    /// <summary>Decodes the kernel's octal escapes (<c>\040</c> space, <c>\011</c> tab, <c>\012</c>, <c>\134</c>).</summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var bytes = new List<byte>(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length + 0 && IsOctal(field, i + 1))
            {
                bytes.Add(Convert.ToByte(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(field[i].ToString()));
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '3' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
