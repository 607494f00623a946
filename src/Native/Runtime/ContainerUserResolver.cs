namespace Berth.Native.Runtime;

/// <summary>
/// Turns Docker's <c>User</c> ("name", "uid", "name:group", "uid:gid", …) into numbers using the
/// image's own /etc/passwd and /etc/group, as runc's GetExecUser does: a numeric uid missing from
/// passwd is used as is (gid 0); a name that is missing is an error; without an explicit group the
/// user's supplementary groups come from /etc/group. <c>groupAdd</c> (<c>--group-add</c>) adds groups
/// by name or number to either.
/// </summary>
public static class ContainerUserResolver
{
    public static ProcessUser Resolve(string rootfs, string? user, IReadOnlyList<string>? groupAdd = null)
    {
        var resolved = ResolveUser(rootfs, user);
        if (groupAdd is not { Count: > 0 }) return resolved;
        var groups = ReadDatabase(rootfs, "group");
        var extra = groupAdd.Select(g => ResolveGroup(groups, g));
        return resolved with { AdditionalGids = [.. resolved.AdditionalGids.Concat(extra).Distinct()] };
    }

    private static ProcessUser ResolveUser(string rootfs, string? user)
    {
        if (string.IsNullOrWhiteSpace(user)) user = "0";
        var (userPart, groupPart) = user.IndexOf(':') is var colon and >= 0 ? (user[..colon], user[(colon + 1)..]) : (user, null);
        var passwd = ReadDatabase(rootfs, "passwd");
        var entry = uint.TryParse(userPart, out var uid)
            ? passwd.FirstOrDefault(f => f.Length >= 4 && f[2] == userPart)
            : passwd.FirstOrDefault(f => f.Length >= 4 && f[0] == userPart)
              ?? throw Invalid($"unable to find user {userPart}: no matching entries in passwd file");
        if (entry is not null && !uint.TryParse(entry[2], out uid)) throw Invalid($"bad uid in passwd entry of {userPart}");
        var gid = entry is not null && uint.TryParse(entry[3], out var primary) ? primary : 0u;

        var groups = ReadDatabase(rootfs, "group");
        if (!string.IsNullOrEmpty(groupPart))
            return new ProcessUser(uid, ResolveGroup(groups, groupPart), []);
        var name = entry?[0];
        var additional = name is null ? [] : groups
            .Where(g => g.Length >= 4 && g[3].Split(',').Contains(name) && uint.TryParse(g[2], out _))
            .Select(g => uint.Parse(g[2]))
            .Where(g => g != gid)
            .Distinct()
            .ToList();
        return new ProcessUser(uid, gid, additional);
    }

    private static uint ResolveGroup(List<string[]> groups, string group)
    {
        if (uint.TryParse(group, out var gid)) return gid;
        var entry = groups.FirstOrDefault(g => g.Length >= 3 && g[0] == group)
            ?? throw Invalid($"unable to find group {group}: no matching entries in group file");
        return uint.TryParse(entry[2], out gid) ? gid : throw Invalid($"bad gid in group entry of {group}");
    }

    /// <summary>
    /// The colon-separated lines of &lt;rootfs&gt;/etc/&lt;name&gt;. A symlinked /etc or database is
    /// ignored rather than followed: its target would be resolved on the host, not in the image.
    /// </summary>
    private static List<string[]> ReadDatabase(string rootfs, string name)
    {
        var etc = new DirectoryInfo(Path.Combine(rootfs, "etc"));
        var file = new FileInfo(Path.Combine(etc.FullName, name));
        if (!etc.Exists || etc.LinkTarget is not null || !file.Exists || file.LinkTarget is not null) return [];
        return [.. File.ReadLines(file.FullName)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(':'))];
    }

    private static RuntimeException Invalid(string message) =>
        new("resolve user", message, kind: RuntimeErrorKind.InvalidArgument);
}
