namespace Berth.Journal.Model;

/// <summary>One <c>--ulimit</c> (Docker's <c>HostConfig.Ulimits</c> item): a resource name such as <c>nofile</c>, its soft and hard limits.</summary>
public sealed record Ulimit(string Name, long Soft, long Hard);
