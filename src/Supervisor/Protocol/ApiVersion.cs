namespace Berth.Supervisor.Api;

/// <summary>
/// The Docker Engine API versions berth speaks: the client sends <see cref="Current"/> as its path
/// prefix; the daemon accepts <see cref="Minimum"/> … <see cref="Current"/>.
/// </summary>
public static class ApiVersion
{
    public const string Current = "1.45";
    public const string Minimum = "1.24";
}
