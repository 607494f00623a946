using Berth.Journal.Model;
using Berth.Native.Images;

namespace Berth.Actors.Images;

/// <summary>
/// Docker's merge of an image's run defaults into the user's container config (seed 001 <c>merge()</c>):
/// the user's value wins where set; Env, Labels, ExposedPorts and Volumes are unions with the user's
/// entries first; the image's Cmd is used only when the user gave neither Cmd nor Entrypoint, and an
/// explicitly empty Entrypoint clears the image's.
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
        };
        if (user.Entrypoint is not { Count: > 0 })
        {
            if (user.Cmd is not { Count: > 0 }) merged = merged with { Cmd = image.Cmd };
            if (user.Entrypoint is null) merged = merged with { Entrypoint = image.Entrypoint };
        }
        return merged;
    }

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
