namespace Berth.Native.Proc;

/// <summary>User names by uid from the host's /etc/passwd, as the host's <c>ps</c> prints them.</summary>
public static class HostUsers
{
    public static IReadOnlyDictionary<uint, string> Read(string passwd = "/etc/passwd")
    {
        var map = new Dictionary<uint, string>();
        try
        {
            foreach (var line in File.ReadLines(passwd))
            {
                var f = line.Split(':');
                if (f.Length > 2 && uint.TryParse(f[2], out var uid)) map.TryAdd(uid, f[0]);
            }
        }
        catch (IOException) { }
        return map;
    }
}
