using Berth.Native.Runtime;

namespace Berth.Actors.Containers;

/// <summary>Docker's refusals of a create request that no container state is needed to judge (HTTP 400).</summary>
public static class CreateRules
{
    public static Rejected? Check(CreateContainer create, HostFacts? facts = null)
    {
        if (TaskSpecFactory.Args(create.Config).Count == 0)
            return new Rejected(ErrorKind.InvalidParameter, "No command specified");
        if (HealthRules.Check(create.Config.Healthcheck) is { } health)
            return new Rejected(ErrorKind.InvalidParameter, health);
        var host = create.HostConfig;
        var policy = host.RestartPolicy;
        if (host.AutoRemove && !policy.IsNone)
            return new Rejected(ErrorKind.InvalidParameter, "can't create 'AutoRemove' container with restart policy");
        if (policy.MaximumRetryCount < 0)
            return new Rejected(ErrorKind.InvalidParameter, "invalid value for max retry count: must be a non-negative integer");
        if (policy.MaximumRetryCount > 0 && !policy.IsOnFailure)
            return new Rejected(ErrorKind.InvalidParameter, $"invalid restart policy: maximum retry count can only be used with 'on-failure'");
        var mounts = MountPlan.Parse(host, create.Config.Volumes, "", out var mountError);
        var error = mountError
            ?? mounts.Where(m => m.Type == "bind" && !m.CreateSource).Select(m => MountPreparer.CheckBindSource(m.Source)).FirstOrDefault(e => e is not null)
            ?? ResourceRules.Check(host, Environment.ProcessorCount)
            ?? SecurityRules.Check(host, facts ?? HostFacts.Daemon);
        return error is null ? null : new Rejected(ErrorKind.InvalidParameter, error);
    }
}
