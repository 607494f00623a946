using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Bench;

/// <summary>
/// `start` mode: wall time of `berth run --rm … busybox true` (no network and default bridge) against a bare
/// `crun run` of crun's minimal default bundle and of the very bundle berth runs (its spec, with Docker's seccomp
/// profile), and `podman run` when podman is installed. Each case runs as a child
/// process; the figure is the time from spawn until it exits.
///   dotnet run -c Release --project bench/Bench -- start [--runs N] [--warmups N] [--berth PATH] [--host unix:///run/berth/berth.sock]
/// </summary>
internal static class StartBenchmark
{
    private const string Usage = "usage: Bench start [--runs N] [--warmups N] [--berth PATH] [--host unix:///run/berth/berth.sock]";

    // The issue's reference figure for `podman run --rm busybox true` on the same kind of host.
    private const double PodmanReferenceMs = 630;

    private sealed record Case(string Name, string FileName, IReadOnlyList<string> Arguments, string? WorkingDirectory = null);

    private sealed record Result(string Name, IReadOnlyList<double> Runs)
    {
        public double Median => Percentile(Runs, 0.5);
        public double P90 => Percentile(Runs, 0.9);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 20;
        var warmups = 3;
        var berth = DefaultBerth();
        var host = "unix:///run/berth/berth.sock";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmups": warmups = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--berth": berth = Next(); break;
                case "--host": host = Next(); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        if (runs < 1 || warmups < 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (!File.Exists(berth))
        {
            Console.Error.WriteLine($"berth binary not found at {berth} (publish it, or pass --berth PATH)");
            return 2;
        }
        var crun = FindOnPath("crun");
        var podman = FindOnPath("podman");

        var temp = Directory.CreateTempSubdirectory("berth-bench-start-");
        try
        {
            var cases = new List<Case>
            {
                new("berth run --rm --network none", berth, ["-H", host, "run", "--rm", "--network", "none", "busybox", "true"]),
                new("berth run --rm (bridge)", berth, ["-H", host, "run", "--rm", "busybox", "true"]),
            };
            string? state = null;
            if (crun is not null)
            {
                var bundle = Path.Combine(temp.FullName, "bundle");
                state = Path.Combine(temp.FullName, "state");
                Directory.CreateDirectory(state);
                await MakeBundleAsync(crun, bundle);
                // Each run gets a fresh id; crun run deletes the container when the process exits.
                cases.Add(new(BareCrun, crun, ["--root", state, "run", "--bundle", bundle, "{id}"], bundle));
                var same = Path.Combine(temp.FullName, "berth-bundle");
                await MakeBerthBundleAsync(berth, host, bundle, same);
                cases.Add(new(BareCrunBerthSpec, crun, ["--root", state, "run", "--bundle", same, "{id}"], same));
                // What any conmon-based engine must do at least: create and start are separate runtime calls
                // (conmon only creates), and the stopped container is deleted by a third.
                var split = $"\"{crun}\" --root \"{state}\" create --bundle \"{same}\" \"$1\" && \"{crun}\" --root \"{state}\" start \"$1\" " +
                    $"&& \"{crun}\" --root \"{state}\" delete --force \"$1\"";
                cases.Add(new(CrunSplit, "/bin/sh", ["-c", split, "sh", "{id}"], same));
            }
            // Podman 4.3 asks crun for nofile/nproc limits above this host's hard limits (root lacks
            // CAP_SYS_RESOURCE) and fails; explicit low limits are the smallest change that lets it run.
            // It needs the image in its own store: podman load -i artifacts/images/busybox-docker.tar.
            if (podman is not null)
            {
                string[] limits = ["--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"];
                cases.Add(new(PodmanNone, podman, ["run", "--rm", "--network", "none", .. limits, "busybox", "true"]));
                cases.Add(new(PodmanBridge, podman, ["run", "--rm", .. limits, "busybox", "true"]));
            }

            Console.WriteLine($"start: {runs} runs per case after {warmups} warm-ups, interleaved; berth {berth} on {host}");
            Console.WriteLine(crun is null ? "crun: not installed" : $"crun: {crun}");
            Console.WriteLine(podman is null ? "podman: not installed" : $"podman: {podman}");

            var samples = cases.ToDictionary(c => c.Name, _ => new List<double>());
            var sequence = 0;
            // Interleave the cases round by round so that drift on the host (page cache, timers) hits all alike.
            for (var round = 0; round < warmups + runs; round++)
            {
                foreach (var c in cases)
                {
                    var elapsed = await TimeAsync(c, $"bench-start-{Environment.ProcessId}-{sequence++}");
                    if (round >= warmups)
                        samples[c.Name].Add(elapsed);
                }
            }

            if (state is not null)
                LeftoverCrunContainers(crun!, state);

            var results = cases.Select(c => new Result(c.Name, samples[c.Name])).ToList();
            Print(results, podman is not null);
            return 0;
        }
        catch (BenchFailure failure)
        {
            Console.Error.WriteLine(failure.Message);
            return 1;
        }
        finally
        {
            try { temp.Delete(recursive: true); }
            catch (Exception e) { Console.Error.WriteLine($"could not remove {temp.FullName}: {e.Message}"); }
        }
    }

    private static void Print(IReadOnlyList<Result> results, bool podmanInstalled)
    {
        var crun = results.FirstOrDefault(r => r.Name == BareCrun);
        var same = results.FirstOrDefault(r => r.Name == BareCrunBerthSpec);
        const string format = "{0,-40} {1,10} {2,10} {3,14}";
        Console.WriteLine();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, format, "case", "median ms", "p90 ms", "× bare crun"));
        Console.WriteLine(new string('-', 77));
        foreach (var r in results)
        {
            var ratio = crun is null ? "n/a" : (r.Median / crun.Median).ToString("0.00", CultureInfo.InvariantCulture) + "×";
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, format, r.Name, Ms(r.Median), Ms(r.P90), ratio));
        }
        if (!podmanInstalled)
            foreach (var name in new[] { PodmanNone, PodmanBridge })
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, format, name, "-", "-", "not installed"));

        var none = results.Single(r => r.Name == "berth run --rm --network none");
        var bridge = results.Single(r => r.Name == "berth run --rm (bridge)");
        Console.WriteLine();
        Console.WriteLine($"network share (bridge median − none median): {Ms(bridge.Median - none.Median)} ms");
        Console.WriteLine();
        Console.WriteLine("targets:");
        if (crun is null)
            Console.WriteLine("  berth none ≤ 1.5 × bare crun run: n/a (crun not installed)");
        else
        {
            foreach (var reference in new[] { crun, same, results.FirstOrDefault(r => r.Name == CrunSplit) }.OfType<Result>())
            {
                var limit = 1.5 * reference.Median;
                Console.WriteLine($"  berth none ≤ 1.5 × {reference.Name}: {Ms(none.Median)} ms vs ≤ {Ms(limit)} ms " +
                    $"({(none.Median / reference.Median).ToString("0.00", CultureInfo.InvariantCulture)}×) {Verdict(none.Median <= limit)}");
            }
        }
        // The issue compares the bridge run with podman on its own default network (CNI bridge "podman").
        var podman = results.FirstOrDefault(r => r.Name == PodmanBridge);
        var podmanMs = podman?.Median ?? PodmanReferenceMs;
        var source = podman is null ? $"podman ≈ {Ms(PodmanReferenceMs)} ms (issue's figure; podman not installed)" : $"podman measured {Ms(podmanMs)} ms";
        Console.WriteLine($"  bridge run ≤ 0.5 × podman: {Ms(bridge.Median)} ms vs ≤ {Ms(0.5 * podmanMs)} ms [{source}] {Verdict(bridge.Median <= 0.5 * podmanMs)}");
    }

    private const string BareCrun = "bare crun run (crun spec)";
    private const string BareCrunBerthSpec = "bare crun run (berth's spec)";
    private const string CrunSplit = "crun create+start+delete (berth's spec)";
    private const string PodmanNone = "podman run --rm --network none";
    private const string PodmanBridge = "podman run --rm (default network)";

    private static string Verdict(bool met) => met ? "ok" : "MISS";

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyList<double> runs, double p)
    {
        var sorted = runs.Order().ToList();
        if (p == 0.5)
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static async Task<double> TimeAsync(Case c, string id)
    {
        var info = new ProcessStartInfo(c.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (c.WorkingDirectory is not null)
            info.WorkingDirectory = c.WorkingDirectory;
        foreach (var argument in c.Arguments)
            info.ArgumentList.Add(argument == "{id}" ? id : argument);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new BenchFailure($"{c.Name}: could not start {c.FileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
            throw new BenchFailure($"{c.Name} exited {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        return elapsed;
    }

    /// <summary>A bundle equivalent to `berth run --network none busybox true`: crun's default spec (fresh pid, net,
    /// ipc, uts and mount namespaces) running /bin/true from a writable rootfs holding a static busybox.</summary>
    private static async Task MakeBundleAsync(string crun, string bundle)
    {
        var bin = Path.Combine(bundle, "rootfs", "bin");
        Directory.CreateDirectory(bin);
        var busybox = new[] { "/bin/busybox", "/usr/bin/busybox" }.FirstOrDefault(File.Exists)
            ?? throw new BenchFailure("busybox not found at /bin/busybox");
        File.Copy(busybox, Path.Combine(bin, "busybox"));
        File.SetUnixFileMode(Path.Combine(bin, "busybox"), File.GetUnixFileMode(busybox));
        File.CreateSymbolicLink(Path.Combine(bin, "true"), "busybox");

        await TimeAsync(new Case("crun spec", crun, ["spec"], bundle), "");
        var path = Path.Combine(bundle, "config.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var process = config["process"]!.AsObject();
        process["args"] = new JsonArray("/bin/true");
        process["terminal"] = false;
        config["root"]!["readonly"] = false;
        await File.WriteAllTextAsync(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// The bundle berth itself runs for `run --network none busybox true` — Docker's seccomp profile, masked paths,
    /// capabilities, cgroup resources — taken from a container berth starts, with its rootfs, per-container binds and
    /// namespace paths swapped for the minimal bundle's rootfs and fresh namespaces, so crun runs it alone.
    /// </summary>
    private static async Task MakeBerthBundleAsync(string berth, string host, string minimalBundle, string bundle)
    {
        var execRoot = Path.GetDirectoryName(host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : host)!;
        var name = $"bench-spec-{Environment.ProcessId}";
        var output = await CaptureAsync(berth, ["-H", host, "run", "-d", "--network", "none", "--name", name, "busybox", "sleep", "60"]);
        var id = output.Trim();
        JsonObject config;
        try
        {
            config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(execRoot, "containers", id, "config.json")))!.AsObject();
        }
        finally
        {
            await CaptureAsync(berth, ["-H", host, "rm", "-f", name]);
        }
        Directory.CreateDirectory(bundle);
        config["root"] = new JsonObject { ["path"] = Path.Combine(minimalBundle, "rootfs"), ["readonly"] = false };
        config["process"]!["args"] = new JsonArray("/bin/true");
        config["process"]!["terminal"] = false;
        var mounts = config["mounts"]!.AsArray();
        foreach (var mount in mounts.Where(m => m!["source"]?.GetValue<string>().Contains(id, StringComparison.Ordinal) == true).ToList())
            mounts.Remove(mount);
        foreach (var ns in config["linux"]!["namespaces"]!.AsArray())
            ns!.AsObject().Remove("path");
        config["linux"]!["cgroupsPath"] = $"/berth-bench-{Environment.ProcessId}";
        await File.WriteAllTextAsync(Path.Combine(bundle, "config.json"), config.ToJsonString());
    }

    private static async Task<string> CaptureAsync(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new BenchFailure($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new BenchFailure($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {(await stderr).Trim()}");
        return await stdout;
    }

    /// <summary>`crun run` deletes its container on exit; removes any a failed run left in our private state root.</summary>
    private static void LeftoverCrunContainers(string crun, string state)
    {
        foreach (var directory in Directory.EnumerateDirectories(state))
        {
            var info = new ProcessStartInfo(crun) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--root", state, "delete", "--force", Path.GetFileName(directory) })
                info.ArgumentList.Add(a);
            using var p = Process.Start(info);
            p?.WaitForExit();
        }
    }

    private static string DefaultBerth()
    {
        // the repository root (from the working directory or the build output) → artifacts/berth/berth
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "artifacts", "berth", "berth");
                if (File.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "bench")))
                    return candidate;
            }
        return "/work/main/artifacts/berth/berth";
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private sealed class BenchFailure(string message) : Exception(message);
}
