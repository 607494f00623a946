namespace Berth.Torture;

/// <summary>
/// The live-restore promises checked after each restart: the daemon's state matches the host,
/// nothing is left of removed containers, names are unique and the event history is whole.
/// </summary>
internal sealed class Invariants(UnixHttp http, HostScan scan, History history)
{
    public async Task<IReadOnlyList<Violation>> CheckAsync()
    {
        var views = await ContainerView.ReadAllAsync(http);
        history.Saw(views.Select(v => v.Id));
        var found = new List<Violation>();
        foreach (var view in views) found.AddRange(StateMatchesHost(view));
        found.AddRange(Leftovers(views));
        found.AddRange(Names(views));
        found.AddRange(await EventsAsync(views));
        return found;
    }

    private IEnumerable<Violation> StateMatchesHost(ContainerView c)
    {
        var pids = scan.CgroupPids(c.Id);
        if (c.Running && (c.Pid <= 0 || !HostScan.IsAlive(c.Pid)))
            yield return new("running-without-process", $"{c.Short} {c.Name} status={c.Status} pid={c.Pid} cgroup pids=[{string.Join(',', pids)}]");
        if (!c.Running && c.Pid != 0)
            yield return new("stopped-with-pid", $"{c.Short} {c.Name} status={c.Status} pid={c.Pid} alive={HostScan.IsAlive(c.Pid)}");
        if (!c.Running && pids.Count > 0)
            yield return new("stopped-with-processes", $"{c.Short} {c.Name} status={c.Status} cgroup pids=[{string.Join(',', pids)}]");
        var freezer = scan.FreezerState(c.Id);
        if (c.Paused && freezer != "FROZEN")
            yield return new("paused-not-frozen", $"{c.Short} {c.Name} status={c.Status} freezer={freezer ?? "none"}");
        if (c.Running && !c.Paused && freezer is "FROZEN" or "FREEZING")
            yield return new("running-but-frozen", $"{c.Short} {c.Name} status={c.Status} freezer={freezer}");
        if (!c.Running && c.AutoRemove)
            yield return new("autoremove-left", $"{c.Short} {c.Name} status={c.Status} (--rm container still listed after it stopped)");
    }

    private IEnumerable<Violation> Leftovers(IReadOnlyList<ContainerView> views)
    {
        var listed = views.ToDictionary(v => v.Id);
        bool Running(string id) => listed.TryGetValue(id, out var v) && v.Running;
        foreach (var id in scan.OverlayMountIds().Where(id => !listed.ContainsKey(id)))
            yield return new("leaked-overlay-mount", $"{Short(id)} overlay still mounted, container not listed");
        foreach (var file in scan.NetnsFiles())
        {
            var id = listed.Keys.FirstOrDefault(file.StartsWith) ?? history.Known.FirstOrDefault(file.StartsWith);
            if (id is null || !listed.ContainsKey(id))
                yield return new("leaked-netns", $"netns {file} for a container not listed");
            else if (!Running(id))
                yield return new("netns-of-stopped", $"netns {file} for {listed[id].Name} status={listed[id].Status}");
        }
        foreach (var (pid, id) in scan.Conmons())
        {
            if (!listed.TryGetValue(id, out var view))
                yield return new("leaked-conmon", $"conmon pid {pid} for {Short(id)}, container not listed");
            else if (!view.Running)
                yield return new("conmon-of-stopped", $"conmon pid {pid} for {view.Name} status={view.Status}");
        }
        foreach (var id in scan.BundleDirs().Where(id => !listed.ContainsKey(id)))
            yield return new("leaked-bundle", $"{Short(id)} bundle dir under exec root, container not listed");
        foreach (var dir in scan.CgroupDirs(history.Known.Where(id => !listed.ContainsKey(id))))
            yield return new("leaked-cgroup", $"{dir} for a container not listed");
        foreach (var id in history.Removed.Where(listed.ContainsKey))
            yield return new("removed-came-back", $"{Short(id)} {listed[id].Name} status={listed[id].Status}: rm -f had succeeded");
    }

    private static IEnumerable<Violation> Names(IReadOnlyList<ContainerView> views) =>
        views.GroupBy(v => v.Name).Where(g => g.Count() > 1)
            .Select(g => new Violation("duplicate-name", $"{g.Key} held by {string.Join(", ", g.Select(v => v.Short + " " + v.Status))}"));

    private async Task<IEnumerable<Violation>> EventsAsync(IReadOnlyList<ContainerView> views)
    {
        var events = await EventLog.ReadAsync(http);
        var found = new List<Violation>();
        found.AddRange(events.GroupBy(e => (e.TimeNano, e.Id, e.Action)).Where(g => g.Count() > 1)
            .Select(g => new Violation("duplicate-event", $"{g.Key.Action} {Short(g.Key.Id)} at {g.Key.TimeNano} x{g.Count()}")));
        // A container is created once and destroyed at most once, whatever happened in between.
        found.AddRange(events.Where(e => e.Action is "create" or "destroy").GroupBy(e => (e.Id, e.Action)).Where(g => g.Count() > 1)
            .Select(g => new Violation("repeated-" + g.Key.Action, $"{Short(g.Key.Id)} has {g.Count()} {g.Key.Action} events at {string.Join(',', g.Select(e => e.TimeNano))}")));
        var created = events.Where(e => e.Action == "create").Select(e => e.Id).ToHashSet();
        var destroyed = events.Where(e => e.Action == "destroy").Select(e => e.Id).ToHashSet();
        found.AddRange(views.Where(v => !created.Contains(v.Id)).Select(v => new Violation("missing-create-event", $"{v.Short} {v.Name} status={v.Status}")));
        found.AddRange(views.Where(v => destroyed.Contains(v.Id)).Select(v => new Violation("destroyed-but-listed", $"{v.Short} {v.Name} status={v.Status}")));
        found.AddRange(history.Removed.Where(id => !destroyed.Contains(id)).Select(id => new Violation("missing-destroy-event", $"{Short(id)} was removed (rm -f exit 0)")));
        return found;
    }

    private static string Short(string id) => id[..Math.Min(12, id.Length)];
}
