using System.Text.Json.Serialization;

namespace Berth.Journal.Model;

/// <summary>
/// Docker's restart policy: <c>Name</c> is one of <c>""</c>/<c>no</c>, <c>always</c>,
/// <c>unless-stopped</c>, <c>on-failure</c>; <c>MaximumRetryCount</c> only counts for
/// <c>on-failure</c> (0 = unlimited).
/// </summary>
public sealed record RestartPolicy(string Name, int MaximumRetryCount = 0)
{
    public static readonly RestartPolicy No = new("no");

    // Derived from Name: kept out of the journal (older rows that hold them still read).
    [JsonIgnore]
    public bool IsNone => Name is "" or "no";
    [JsonIgnore]
    public bool IsAlways => Name == "always";
    [JsonIgnore]
    public bool IsUnlessStopped => Name == "unless-stopped";
    [JsonIgnore]
    public bool IsOnFailure => Name == "on-failure";

    /// <summary>Parses Docker's CLI form: <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure[:N]</c>.</summary>
    public static bool TryParse(string text, out RestartPolicy policy)
    {
        policy = No;
        var parts = text.Split(':', 2);
        var name = parts[0];
        if (name is not ("" or "no" or "always" or "unless-stopped" or "on-failure")) return false;
        if (parts.Length == 1) { policy = new RestartPolicy(name == "" ? "no" : name); return true; }
        if (name != "on-failure" || !int.TryParse(parts[1], out var max) || max < 0) return false;
        policy = new RestartPolicy(name, max);
        return true;
    }
}
