using System.Text.Json.Nodes;

namespace Berth.Native.Tests.Runtime;

/// <summary>
/// The OCI runtime spec schema's required fields and value shapes (config-schema.json,
/// config-linux.json, defs.json), checked faithfully for what berth generates: an empty list = valid.
/// </summary>
internal static class OciSchemaCheck
{
    private static readonly string[] NamespaceTypes = ["pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"];

    public static List<string> Problems(JsonObject spec)
    {
        var problems = new List<string>();
        void Require(bool ok, string what) { if (!ok) problems.Add(what); }

        Require(spec["ociVersion"] is JsonValue v && ((string?)v)?.StartsWith("1.") == true, "ociVersion is a 1.x string");
        var root = spec["root"] as JsonObject;
        Require(root?["path"] is JsonValue, "root.path is required");
        var process = spec["process"] as JsonObject;
        Require(process is not null, "process is required");
        if (process is not null)
        {
            Require(((string?)process["cwd"])?.StartsWith('/') == true, "process.cwd is an absolute path");
            Require(process["args"] is JsonArray { Count: > 0 } args && args.All(a => a is JsonValue), "process.args is a non-empty string array");
            Require(process["user"]?["uid"] is JsonValue && process["user"]?["gid"] is JsonValue, "process.user has uid and gid");
            foreach (var set in (process["capabilities"] as JsonObject ?? []).Select(kv => kv.Value as JsonArray))
                Require(set is not null && set.All(c => ((string?)c)?.StartsWith("CAP_") == true), "capabilities are CAP_ names");
            foreach (var rlimit in process["rlimits"] as JsonArray ?? [])
                Require(((string?)rlimit?["type"])?.StartsWith("RLIMIT_") == true && rlimit?["hard"] is JsonValue && rlimit["soft"] is JsonValue,
                    "each rlimit has an RLIMIT_ type, hard and soft");
            if (process["oomScoreAdj"] is JsonValue oom) Require((int)oom is >= -1000 and <= 1000, "oomScoreAdj is within [-1000, 1000]");
        }
        foreach (var mount in spec["mounts"] as JsonArray ?? [])
        {
            Require(((string?)mount?["destination"])?.StartsWith('/') == true, "each mount's destination is absolute");
            Require(mount?["options"] is null or JsonArray, "mount options are a string array");
        }
        if (spec["linux"] is JsonObject linux)
        {
            var types = new HashSet<string>();
            foreach (var ns in linux["namespaces"] as JsonArray ?? [])
            {
                var type = (string?)ns?["type"];
                Require(type is not null && NamespaceTypes.Contains(type) && types.Add(type), "namespace types are known and unique");
                if (ns?["path"] is JsonValue path) Require(((string?)path)?.StartsWith('/') == true, "a namespace path is absolute");
            }
            foreach (var rule in linux["resources"]?["devices"] as JsonArray ?? [])
                Require(rule?["allow"] is JsonValue && (rule["type"] is null || (string?)rule["type"] is "a" or "b" or "c"), "device rules have allow and a valid type");
            foreach (var device in linux["devices"] as JsonArray ?? [])
                Require(((string?)device?["path"])?.StartsWith('/') == true && (string?)device?["type"] is "b" or "c" or "u" or "p", "devices have an absolute path and a type");
            if (linux["resources"]?["memory"] is JsonObject memory && memory["limit"] is JsonValue limit && memory["swap"] is JsonValue swap)
                Require((long)swap == -1 || (long)swap >= (long)limit, "memory.swap (memory+swap) is at least the limit");
            if (linux["seccomp"] is JsonObject seccomp) Require(seccomp["defaultAction"] is JsonValue, "seccomp.defaultAction is required");
        }
        return problems;
    }
}
