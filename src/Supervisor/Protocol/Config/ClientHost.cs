namespace Berth.Supervisor.Config;

/// <summary>
/// Works out which daemon socket a client verb (<c>berth ps</c>, <c>berth run</c> …) talks to, the way
/// the docker CLI does: an explicit <c>-H/--host</c> flag, else <c>BERTH_HOST</c>, else
/// <c>DOCKER_HOST</c>, else the daemon's default socket. Only <c>unix://</c> addresses are accepted:
/// berth never listens on TCP, so a <c>tcp://</c> address can only be a mistake worth reporting.
/// </summary>
public static class ClientHost
{
    /// <summary>The socket a daemon started without <c>-H</c> or <c>--exec-root</c> listens on.</summary>
    public const string DefaultSocketPath = "/run/berth/berth.sock";

    private const string UnixScheme = "unix://";

    /// <summary>
    /// Resolves the daemon socket and strips the host flag from the arguments.
    /// Flags are looked for up to a <c>--</c> terminator only (which is kept in <paramref name="rest"/>),
    /// so an argument meant for a container command that happens to read <c>-H</c> can be protected
    /// by putting it after <c>--</c>.
    /// </summary>
    /// <param name="args">The client's arguments, with or without the verb.</param>
    /// <param name="env">Environment lookup (injected so tests need not touch the process environment).</param>
    /// <param name="rest"><paramref name="args"/> without the <c>-H/--host</c> flag and its value, order kept.</param>
    /// <returns>The absolute path of the unix socket to connect to.</returns>
    /// <exception cref="SettingsException">The flag lacks a value, is repeated, or an address is not <c>unix://</c>.</exception>
    public static string ResolveSocketPath(IReadOnlyList<string> args, Func<string, string?> env, out IReadOnlyList<string> rest)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);

        string? fromFlag = null;
        var kept = new List<string>(args.Count);
        var afterTerminator = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (afterTerminator || arg == "--")
            {
                afterTerminator = true;
                kept.Add(arg);
                continue;
            }

            if (!TrySplitHostFlag(arg, out var flag, out var inlineValue))
            {
                kept.Add(arg);
                continue;
            }

            string value;
            if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new SettingsException(flag, $"flag {flag} needs a value, e.g. {flag} unix:///run/berth/berth.sock");
            }

            if (fromFlag is not null)
            {
                throw new SettingsException(flag, $"flag {flag} given more than once: a client talks to a single daemon socket");
            }

            fromFlag = ParseUnixHost(value, flag);
        }

        rest = kept;
        if (fromFlag is not null)
        {
            return fromFlag;
        }

        foreach (var variable in new[] { "BERTH_HOST", "DOCKER_HOST" })
        {
            // An exported-but-empty variable means "unset" to the docker CLI too.
            var value = env(variable);
            if (!string.IsNullOrEmpty(value))
            {
                return ParseUnixHost(value, variable);
            }
        }

        return DefaultSocketPath;
    }

    /// <summary>
    /// Turns a <c>unix:///abs/path</c> address into its path.
    /// </summary>
    /// <param name="address">The address as the operator wrote it.</param>
    /// <param name="subject">The flag, key or variable it came from, named in any error.</param>
    /// <exception cref="SettingsException">Not a <c>unix://</c> address, or the path is empty or relative.</exception>
    public static string ParseUnixHost(string address, string subject)
    {
        if (!address.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            var scheme = address.IndexOf("://", StringComparison.Ordinal) is var at and > 0 ? address[..(at + 3)] : null;
            var what = scheme is null ? $"'{address}' is not a unix:// address" : $"scheme {scheme} in '{address}' is not supported";
            throw new SettingsException(subject, $"{subject}: {what}; only unix sockets are supported (unix:///path/to/berth.sock)");
        }

        var path = address[UnixScheme.Length..];
        if (path.Length == 0 || !Path.IsPathRooted(path))
        {
            throw new SettingsException(subject, $"{subject}: '{address}' must name an absolute socket path, e.g. unix:///run/berth/berth.sock");
        }

        return path;
    }

    private static bool TrySplitHostFlag(string arg, out string flag, out string? inlineValue)
    {
        foreach (var candidate in new[] { "-H", "--host" })
        {
            if (arg == candidate)
            {
                flag = candidate;
                inlineValue = null;
                return true;
            }

            if (arg.StartsWith(candidate + "=", StringComparison.Ordinal))
            {
                flag = candidate;
                inlineValue = arg[(candidate.Length + 1)..];
                return true;
            }
        }

        flag = string.Empty;
        inlineValue = null;
        return false;
    }
}
