using Berth.Journal.Model;
using Berth.Native.Images;

namespace Berth.Actors.Images;

/// <summary>
/// Docker's merge of an image's run defaults into the user's container config (seed 001 <c>merge()</c>):
/// the user's value wins where set; Env, Labels, ExposedPorts and Volumes are unions with the user's
/// entries first; the image's Cmd is used only when the user gave neither Cmd nor Entrypoint, and an
/// explicitly empty Entrypoint clears the image's. A Healthcheck merges part by part (see <see cref="MergeHealthcheck"/>).
/// </summary>
public static class ConfigMerge
{
    public static ContainerConfig Apply(ContainerConfig user, ImageRunConfig image)
    {
        var merged = user with
        {
            User = string.IsNullOrEmpty(user.User) ? image.User : user.User,
            ExposedPorts = Union(user.ExposedPorts, image.ExposedPorts),
            Volumes = Union(user.Volumes, image.Volumes),
            Env = MergeEnv(user.Env, image.Env),
            Labels = MergeLabels(user.Labels, image.Labels),
            WorkingDir = string.IsNullOrEmpty(user.WorkingDir) ? image.WorkingDir : user.WorkingDir,
            StopSignal = string.IsNullOrEmpty(user.StopSignal) ? image.StopSignal : user.StopSignal,
            StopTimeout = user.StopTimeout ?? image.StopTimeout,
            Healthcheck = MergeHealthcheck(user.Healthcheck, image.Healthcheck),
        };
        if (user.Entrypoint is not { Count: > 0 })
        {
            if (user.Cmd is not { Count: > 0 }) merged = merged with { Cmd = image.Cmd };
            if (user.Entrypoint is null) merged = merged with { Entrypoint = image.Entrypoint };
        }
        return merged;
    }

    /// <summary>Docker's rule: no user check takes the image's whole; otherwise each unset (empty or zero) part comes from the image.</summary>
    private static HealthConfig? MergeHealthcheck(HealthConfig? user, ImageHealthcheck? image)
    {
        if (image is null) return user;
        if (user is null) return ToConfig(image);
        return user with
        {
            Test = user.Test is { Count: > 0 } ? user.Test : image.Test,
            Interval = user.Interval != 0 ? user.Interval : image.Interval ?? 0,
            Timeout = user.Timeout != 0 ? user.Timeout : image.Timeout ?? 0,
            StartPeriod = user.StartPeriod != 0 ? user.StartPeriod : image.StartPeriod ?? 0,
            StartInterval = user.StartInterval != 0 ? user.StartInterval : image.StartInterval ?? 0,
            Retries = user.Retries != 0 ? user.Retries : image.Retries ?? 0,
        };
    }

    /// <summary>An image's HEALTHCHECK in the container config's shape (image inspect shows it so).</summary>
    public static HealthConfig ToConfig(ImageHealthcheck image) => new()
    {
        Test = image.Test,
        Interval = image.Interval ?? 0,
        Timeout = image.Timeout ?? 0,
        StartPeriod = image.StartPeriod ?? 0,
        StartInterval = image.StartInterval ?? 0,
        Retries = image.Retries ?? 0,
    };

    private static IReadOnlyList<string>? Union(IReadOnlyList<string>? user, IReadOnlyList<string>? image) =>
        user is null && image is null ? null : (user ?? []).Concat(image ?? []).Distinct(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string>? MergeEnv(IReadOnlyList<string>? user, IReadOnlyList<string>? image)
    {
        if (user is not { Count: > 0 }) return image;
        var keys = user.Select(Key).ToHashSet(StringComparer.Ordinal);
        return user.Concat((image ?? []).Where(e => !keys.Contains(Key(e)))).ToList();
    }

    private static IReadOnlyDictionary<string, string> MergeLabels(IReadOnlyDictionary<string, string>? user, IReadOnlyDictionary<string, string>? image)
    {
        var labels = new Dictionary<string, string>(user ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in image ?? new Dictionary<string, string>()) labels.TryAdd(key, value);
        return labels;
    }

    private static string Key(string env) => env.Split('=', 2)[0];
}
