using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>Daemon-wide inputs to <see cref="OciSpecBuilder"/>: the cgroup parent and the OCI-shaped seccomp filter (null = none).</summary>
public sealed record OciSpecOptions(string CgroupParent, JsonObject? Seccomp);
