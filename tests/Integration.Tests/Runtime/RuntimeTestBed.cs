using System.Text.Json.Nodes;
using Berth.Native.Processes;
using Berth.Native.Runtime;

namespace Berth.Integration.Tests.Runtime;

/// <summary>
/// One test's private world for the real task runtime: a temp exec root and data root, a busybox
/// root filesystem, a cgroup parent of its own, and a <see cref="ConmonTaskRuntime"/> over them.
/// Disposing removes everything it made — containers, conmons, runtime state, cgroups, files —
/// whether the test passed or not.
/// </summary>
public sealed class RuntimeTestBed : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<string> _ids = [];

    private RuntimeTestBed(string runtime, Func<RuntimeSettings, RuntimeSettings>? configure)
    {
        if (Environment.UserName != "root" && Tmds.Linux.LibC.geteuid() != 0)
            throw new InvalidOperationException("runtime integration tests need root (crun/runc/conmon, cgroups)");
        RuntimeName = runtime;
        // Short paths: conmon's attach socket (<bundle>/attach) must fit in sun_path (108 bytes).
        Root = Directory.CreateTempSubdirectory("bt-").FullName;
        try
        {
            Rootfs = BusyboxRootfs.Create(Path.Combine(Root, "rootfs"));
        }
        catch
        {
            Directory.Delete(Root, recursive: true);
            throw;
        }
        CgroupParent = "berth-it-" + Path.GetFileName(Root)[3..];
        Settings = RuntimeSettings.Discover(Path.Combine(Root, "run"), Path.Combine(Root, "data"), runtime) with
        {
            CgroupParent = CgroupParent,
            ExitPollInterval = TimeSpan.FromMilliseconds(50),
        };
        Settings = configure?.Invoke(Settings) ?? Settings;
        Runtime = new ConmonTaskRuntime(Settings);
    }

    public string RuntimeName { get; }
    public string Root { get; }
    public string Rootfs { get; }
    public string CgroupParent { get; }
    public RuntimeSettings Settings { get; }
    public ConmonTaskRuntime Runtime { get; }

    public static RuntimeTestBed Create(string runtime, Func<RuntimeSettings, RuntimeSettings>? configure = null) => new(runtime, configure);

    /// <summary>A short, unique container id (the exec root already makes paths long).</summary>
    public string NewId()
    {
        var id = "c" + Guid.NewGuid().ToString("N")[..12];
        _ids.Add(id);
        return id;
    }

    public TaskSpec Spec(params string[] args) => new(
        Args: args,
        Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=berth-test"],
        WorkingDir: "/",
        User: null,
        Hostname: "berth-test",
        Tty: false,
        OpenStdin: false,
        RootfsPath: Rootfs,
        ReadonlyRootfs: false,
        NetnsPath: null,
        Runtime: RuntimeName);

    /// <summary>Writes the bundle and starts the task, as the Task actor does.</summary>
    public async Task<(string Id, TaskHandle Handle)> StartAsync(TaskSpec spec, Action<JsonObject>? editSpec = null)
    {
        var id = NewId();
        BundleInfo bundle;
        if (editSpec is null)
        {
            bundle = await Runtime.WriteBundleAsync(id, spec, CancellationToken.None);
        }
        else
        {
            // Fields TaskSpec does not carry yet (memory limits): edit the generated spec, then write it.
            var config = OciSpecBuilder.Build(id, spec, ContainerUserResolver.Resolve(spec.RootfsPath, spec.User), new OciSpecOptions(CgroupParent, null));
            editSpec(config);
            bundle = BundleWriter.Write(TaskPaths.For(Settings, id), config);
        }
        using var cts = new CancellationTokenSource(Patience);
        return (id, await Runtime.StartAsync(id, bundle, spec, cts.Token));
    }

    public async Task<TaskExit> WaitAsync(string id, TaskHandle handle)
    {
        using var cts = new CancellationTokenSource(Patience);
        return await Runtime.WaitForExitAsync(id, handle, cts.Token);
    }

    public TaskPaths Paths(string id) => TaskPaths.For(Settings, id);

    /// <summary>The messages of conmon's k8s-file log ("&lt;time&gt; &lt;stream&gt; &lt;F|P&gt; &lt;text&gt;").</summary>
    public IReadOnlyList<string> Log(string id)
    {
        var file = Paths(id).LogFile;
        return File.Exists(file)
            ? [.. File.ReadAllLines(file).Select(line => line.Split(' ', 4)).Where(f => f.Length == 4).Select(f => f[3])]
            : [];
    }

    /// <summary>The ids the runtime lists under berth's state root.</summary>
    public async Task<string> RuntimeListAsync()
    {
        var result = await ProcessRunner.RunCheckedAsync(
            new ProcessStartSpec(Settings.Runtimes[RuntimeName], ["--root", Settings.RuntimeStateRoot(RuntimeName), "list"]), CancellationToken.None);
        return result.Stdout;
    }

    /// <summary>The container's cgroup directory in one v1 hierarchy.</summary>
    public string CgroupDir(string hierarchy, string id) => Path.Combine("/sys/fs/cgroup", hierarchy, CgroupParent, id);

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _ids)
        {
            using var cts = new CancellationTokenSource(Patience);
            try { await Runtime.DeleteAsync(id, cts.Token); } catch (Exception) { /* the sweep below catches what is left */ }
        }
        KillMonitorsUnder(Root);
        foreach (var (name, path) in Settings.Runtimes)
        {
            var state = Settings.RuntimeStateRoot(name);
            if (!Directory.Exists(state)) continue;
            foreach (var dir in Directory.GetDirectories(state))
                await ProcessRunner.RunAsync(new ProcessStartSpec(path, ["--root", state, "delete", "--force", Path.GetFileName(dir)]), CancellationToken.None);
        }
        foreach (var hierarchy in Directory.GetDirectories("/sys/fs/cgroup"))
            RemoveCgroupTree(Path.Combine(hierarchy, CgroupParent));
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>Every process whose command line mentions this bed's root: its conmons, should any survive.</summary>
    public static IReadOnlyList<int> ProcessesMentioning(string text) =>
    [
        .. Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId)
            .Where(pid =>
            {
                try { return File.ReadAllText($"/proc/{pid}/cmdline").Contains(text, StringComparison.Ordinal); }
                catch (IOException) { return false; }
            }),
    ];

    private static void KillMonitorsUnder(string root)
    {
        foreach (var pid in ProcessesMentioning(root)) Tmds.Linux.LibC.kill(pid, 9);
    }

    private static void RemoveCgroupTree(string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var child in Directory.GetDirectories(dir)) RemoveCgroupTree(child);
        try { Directory.Delete(dir); } catch (IOException) { }
    }
}
