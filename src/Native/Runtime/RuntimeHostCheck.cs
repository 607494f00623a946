namespace Berth.Native.Runtime;

/// <summary>
/// Checks, at daemon start, that this host can run containers with the configured monitor and
/// runtimes, and says what to do when it cannot. Returns one message per problem; none = ready.
/// </summary>
public static class RuntimeHostCheck
{
    public static IReadOnlyList<string> Run(RuntimeSettings settings, string cgroupRoot = "/sys/fs/cgroup")
    {
        var problems = new List<string>();
        if (!ExecutableLocator.IsExecutable(settings.ConmonPath))
            problems.Add($"conmon not found ({settings.ConmonPath}): install the 'conmon' package or set its path.");
        if (!settings.Runtimes.ContainsKey(settings.DefaultRuntime))
            problems.Add($"the default runtime '{settings.DefaultRuntime}' was not found: install the '{settings.DefaultRuntime}' package or choose one of: {string.Join(", ", settings.Runtimes.Keys)}.");
        foreach (var (name, path) in settings.Runtimes)
            if (!ExecutableLocator.IsExecutable(path)) problems.Add($"runtime '{name}' at {path} is not an executable file.");
        if (settings.Runtimes.ContainsKey("crun") && HybridControllersInV2(cgroupRoot) is { Count: > 0 } stray)
            problems.Add(CrunHybridMessage(cgroupRoot, stray, settings.DefaultRuntime == "crun"));
        return problems;
    }

    /// <summary>
    /// On a cgroup v1 "hybrid" host, the controllers listed in the v2 hierarchy's cgroup.controllers
    /// are the ones not mounted as v1 hierarchies. crun 1.8 then finds a controller in cgroup2 but
    /// not in v1 and refuses to create any container.
    /// </summary>
    public static IReadOnlyList<string> HybridControllersInV2(string cgroupRoot)
    {
        var controllers = Path.Combine(cgroupRoot, "unified", "cgroup.controllers");
        try
        {
            // cgroupfs files report size 0: read the content instead of trusting the length.
            return File.ReadAllText(controllers).Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return [];
        }
    }

    private static string CrunHybridMessage(string cgroupRoot, IReadOnlyList<string> stray, bool isDefault)
    {
        var mounts = string.Join("; ", stray.Select(c => $"mkdir -p {cgroupRoot}/{c} && mount -t cgroup -o {c} cgroup {cgroupRoot}/{c}"));
        return $"crun cannot create containers on this host{(isDefault ? " (it is the default runtime)" : "")}: "
            + $"it uses cgroup v1 with controllers attached to the v2 hierarchy ({cgroupRoot}/unified/cgroup.controllers: {string.Join(' ', stray)}). "
            + $"Mount each of them as a v1 hierarchy — {mounts} — which scripts/install-deps.sh does for hugetlb; "
            + "or make runc the default runtime.";
    }
}
