namespace Berth.Supervisor.Api;

/// <summary>What the daemon reports about itself in <c>version</c> and <c>info</c>.</summary>
internal sealed record DaemonFacts(string Id, string DataRoot, string DefaultRuntime, IReadOnlyDictionary<string, string> Runtimes);
