namespace Berth.Supervisor;

/// <summary>berth's own version, reported by <c>version</c> and the API's Server header.</summary>
public static class BerthVersion
{
    public const string Version = "0.1.0";
}
