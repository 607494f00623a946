using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>The spec's <c>process</c>: args (behind the init with <c>--init</c>), env, cwd, user, capabilities, rlimits, oom score, no-new-privileges.</summary>
internal static class OciProcess
{
    public static JsonObject Build(TaskSpec spec, ProcessUser user, IReadOnlyList<string> caps)
    {
        if (spec.Args.Count == 0) throw new RuntimeException("build spec", "no command: the image has no Entrypoint or Cmd and none was given", kind: RuntimeErrorKind.InvalidArgument);
        var identity = new JsonObject { ["uid"] = user.Uid, ["gid"] = user.Gid };
        if (user.AdditionalGids.Count > 0) identity["additionalGids"] = new JsonArray([.. user.AdditionalGids.Select(g => (JsonNode)g)]);
        // docker run --init: tini is pid 1, reaps zombies and passes signals on to the command.
        IEnumerable<string> args = spec.Init ? [InitBinary.ContainerPath, "--", .. spec.Args] : spec.Args;
        var process = new JsonObject
        {
            ["terminal"] = spec.Tty,
            ["user"] = identity,
            ["args"] = OciSpecBuilder.Strings(args),
            ["env"] = OciSpecBuilder.Strings(spec.Env),
            ["cwd"] = string.IsNullOrEmpty(spec.WorkingDir) ? "/" : spec.WorkingDir,
            // Bounding/effective/permitted only; inheritable and ambient stay empty (CVE-2022-24769).
            ["capabilities"] = new JsonObject
            {
                ["bounding"] = OciSpecBuilder.Strings(caps),
                ["effective"] = OciSpecBuilder.Strings(caps),
                ["permitted"] = OciSpecBuilder.Strings(caps),
            },
            ["noNewPrivileges"] = spec.Security.NoNewPrivileges,
        };
        // Without rlimits the process inherits the daemon's, so nothing asks for more than the host allows.
        if (spec.Rlimits.Count > 0)
            process["rlimits"] = new JsonArray([.. spec.Rlimits.Select(r => (JsonNode)new JsonObject { ["type"] = r.Type, ["hard"] = r.Hard, ["soft"] = r.Soft })]);
        if (spec.OomScoreAdj is { } oom) process["oomScoreAdj"] = oom;
        if (spec.Tty && spec.ConsoleSize is [> 0 and var height, > 0 and var width])
            process["consoleSize"] = new JsonObject { ["height"] = height, ["width"] = width };
        return process;
    }
}
