using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>The spec's <c>linux.resources</c> (device cgroup, memory, cpu, pids) and <c>linux.devices</c>.</summary>
internal static class OciResources
{
    public static JsonObject Build(TaskResources limits, bool privileged, IReadOnlyList<LinuxDevice> devices)
    {
        var rules = privileged ? [new JsonObject { ["allow"] = true, ["access"] = "rwm" }] : OciDefaults.DeviceRules();
        if (!privileged)
            foreach (var device in devices)
                rules.Add(new JsonObject { ["allow"] = true, ["type"] = device.Type, ["major"] = device.Major, ["minor"] = device.Minor, ["access"] = device.Access });
        var resources = new JsonObject { ["devices"] = rules };
        if (Memory(limits) is { } memory) resources["memory"] = memory;
        if (Cpu(limits) is { } cpu) resources["cpu"] = cpu;
        if (limits.PidsLimit is > 0 and var pids) resources["pids"] = new JsonObject { ["limit"] = pids };
        return resources;
    }

    public static JsonArray DeviceNodes(IReadOnlyList<LinuxDevice> devices) =>
        new([.. devices.Select(d => (JsonNode)new JsonObject
        {
            ["path"] = d.Path, ["type"] = d.Type, ["major"] = d.Major, ["minor"] = d.Minor,
            ["fileMode"] = d.FileMode, ["uid"] = d.Uid, ["gid"] = d.Gid,
        })]);

    private static JsonObject? Memory(TaskResources limits)
    {
        if (limits.MemoryBytes is null && limits.MemorySwapBytes is null) return null;
        var memory = new JsonObject();
        if (limits.MemoryBytes is { } limit) memory["limit"] = limit;
        if (limits.MemorySwapBytes is { } swap) memory["swap"] = swap;
        return memory;
    }

    private static JsonObject? Cpu(TaskResources limits)
    {
        var cpu = new JsonObject();
        if (limits.CpuShares is { } shares) cpu["shares"] = shares;
        if (limits.CpuQuota is { } quota) cpu["quota"] = quota;
        if (limits.CpuPeriod is { } period) cpu["period"] = period;
        if (!string.IsNullOrEmpty(limits.CpusetCpus)) cpu["cpus"] = limits.CpusetCpus;
        return cpu.Count == 0 ? null : cpu;
    }
}
