namespace Berth.Torture;

/// <summary>
/// The whole run: start the daemon on fresh roots, load the test image, N rounds of burst-kill-restart-check,
/// then remove everything, stop the daemon and check that nothing of berth's is left on the host.
/// Cleanup runs whatever happened.
/// </summary>
internal sealed class TortureRun(TortureOptions options)
{
    private readonly List<(int Round, Violation Violation)> _violations = [];
    private int _commands;
    private int _kills;
    private int _rounds;
    private int _topUps;

    public async Task<int> RunAsync()
    {
        var roots = TortureRoots.Create();
        Console.WriteLine($"torture: seed {options.Seed}, {options.Rounds} rounds, burst {options.BurstSize}, roots {roots.Root}");
        var scan = new HostScan(roots);
        var history = new History();
        var bridgePortsBefore = HostScan.BridgePorts().ToHashSet();
        var bridge = options.Subnet is null ? null : new BridgeAddress(options.Subnet);
        var hadAddress = bridge is null || await bridge.PresentAsync();
        using var http = new UnixHttp(roots.Socket);
        var daemon = new DaemonProcess(options.DaemonPath, roots, options.Subnet);
        try
        {
            await daemon.StartAsync(http);
            await LoadImageAsync(http);
            await RoundsAsync(roots, scan, history, daemon, http);
            await FinalAsync(roots, scan, history, daemon, http, bridgePortsBefore);
        }
        catch (Exception e)
        {
            Record(_rounds, new Violation("run-aborted", e.GetType().Name + ": " + e.Message));
        }
        finally
        {
            if (_violations.Count > 0) KeepLogs(roots);
            await new Cleanup(roots, scan, history, daemon).RunAsync(hadAddress ? null : bridge);
        }
        PrintSummary();
        return _violations.Count == 0 ? 0 : 1;
    }

    private async Task RoundsAsync(TortureRoots roots, HostScan scan, History history, DaemonProcess daemon, UnixHttp http)
    {
        var random = new Random(options.Seed);
        var mix = new CommandMix(random);
        await using var proxy = new SocketProxy(Path.Combine(roots.Root, "proxy.sock"), roots.Socket);
        var cli = new CliRunner(options.CliPath, proxy.Path);
        var invariants = new Invariants(http, scan, history);
        await CheckClientAsync(cli);
        var population = new Population(cli, random, history);
        for (var round = 1; round <= options.Rounds; round++)
        {
            _rounds = round;
            await population.TopUpAsync((await ContainerView.ReadAllAsync(http)).Count);
            var burst = new Round(options, random, mix, cli, daemon, http, history);
            await burst.RunAsync(round, proxy);
            _kills++;
            _commands += burst.CommandsIssued;
            _topUps = population.CommandsIssued;
            foreach (var problem in burst.ClientProblems) Record(round, problem);
            // Let reconciliation and in-flight restarts finish; a violation counts only if it is still there 3 s later.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var first = await invariants.CheckAsync();
            if (first.Count == 0) continue;
            await Task.Delay(TimeSpan.FromSeconds(3));
            var second = (await invariants.CheckAsync()).ToHashSet();
            foreach (var violation in first.Where(second.Contains)) Record(round, violation, roots);
            var cleared = first.Count(v => !second.Contains(v));
            if (cleared > 0) Console.WriteLine($"  round {round}: {cleared} transient finding(s) cleared within 3 s (not counted)");
        }
    }

    private async Task FinalAsync(TortureRoots roots, HostScan scan, History history, DaemonProcess daemon, UnixHttp http, HashSet<string> portsBefore)
    {
        var last = _rounds + 1;
        var views = await ContainerView.ReadAllAsync(http);
        history.Saw(views.Select(v => v.Id));
        foreach (var view in views)
        {
            int status;
            try
            {
                status = await http.SendAsync(HttpMethod.Delete, $"containers/{view.Id}?force=1");
            }
            catch (TaskCanceledException)
            {
                Record(last, new Violation("final-rm-hung", $"{view.Short} {view.Name} status={view.Status}: DELETE ?force=1 gave no answer in 60 s"), roots);
                continue;
            }
            if (status is not (204 or 404)) Record(last, new Violation("final-rm-failed", $"{view.Short} {view.Name} -> HTTP {status}"), roots);
        }
        var left = await ContainerView.ReadAllAsync(http);
        foreach (var view in left) Record(last, new Violation("final-still-listed", $"{view.Short} {view.Name} status={view.Status}"), roots);
        await daemon.StopAsync();
        // Only the image store's own files may remain; no container mount.
        foreach (var mount in scan.MountsUnderRoot()) Record(last, new Violation("final-mount", mount), roots);
        foreach (var file in scan.NetnsFiles()) Record(last, new Violation("final-netns", file), roots);
        foreach (var port in HostScan.BridgePorts().Where(p => !portsBefore.Contains(p)))
            Record(last, new Violation("final-veth", $"{port} on {HostScan.Bridge}"), roots);
        foreach (var dir in scan.CgroupDirs(history.Known)) Record(last, new Violation("final-cgroup", dir), roots);
        foreach (var (pid, id) in scan.Conmons()) Record(last, new Violation("final-conmon", $"pid {pid} for {id[..12]}"), roots);
    }

    /// <summary>A round where nothing gets through would test nothing: the client must work through the proxy first.</summary>
    private static async Task CheckClientAsync(CliRunner cli)
    {
        var result = await cli.RunAsync("ps", "-a");
        if (!result.Succeeded) throw new InvalidOperationException("the client does not work: " + result);
    }

    private async Task LoadImageAsync(UnixHttp http)
    {
        await using var archive = File.OpenRead(options.ImageArchive);
        using var content = new StreamContent(archive);
        var status = await http.SendAsync(HttpMethod.Post, "images/load", content);
        if (status != 200) throw new InvalidOperationException($"loading {options.ImageArchive} answered HTTP {status}");
    }

    private void Record(int round, Violation violation, TortureRoots? roots = null)
    {
        // A leftover stays until something removes it: report it in the round it first appeared, not in every round after.
        if (_violations.Any(v => v.Violation == violation)) return;
        _violations.Add((round, violation));
        Console.WriteLine($"VIOLATION seed={options.Seed} round={round} [{violation.Kind}] {violation.Detail}");
        if (roots is null) return;
        var id = violation.Detail.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ':'))
            .FirstOrDefault(w => w.Length >= 12 && w.All(char.IsAsciiHexDigitLower));
        if (id is null) return;
        foreach (var line in DaemonLog.LinesAbout(roots, id[..12], 8)) Console.WriteLine("    log: " + line);
    }

    /// <summary>The roots go at the end; the logs that explain the violations are copied out first.</summary>
    private void KeepLogs(TortureRoots roots)
    {
        var keep = Path.Combine("/tmp", $"torture-{options.Seed}-logs");
        Directory.CreateDirectory(keep);
        if (File.Exists(roots.DaemonOutput)) File.Copy(roots.DaemonOutput, Path.Combine(keep, "daemon.out"), overwrite: true);
        if (Directory.Exists(roots.LogDirectory))
            foreach (var file in Directory.GetFiles(roots.LogDirectory)) File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
        Console.WriteLine($"daemon logs kept in {keep}");
    }

    private void PrintSummary()
    {
        Console.WriteLine();
        Console.WriteLine($"summary: seed {options.Seed}, rounds {_rounds}, commands issued {_commands} in bursts + {_topUps} top-ups, daemon SIGKILLs {_kills}, violations {_violations.Count}");
        foreach (var group in _violations.GroupBy(v => v.Violation.Kind).OrderBy(g => g.Key))
            Console.WriteLine($"  {group.Key}: {group.Count()} (rounds {string.Join(',', group.Select(v => v.Round).Distinct())})");
    }
}
