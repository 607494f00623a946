namespace Berth.Journal.Model;

/// <summary>Docker's <c>HostConfig.LogConfig</c>: the log driver's name and its options (<c>max-size</c>, …).</summary>
public sealed record LogConfig(string Type, IReadOnlyDictionary<string, string>? Config = null);
