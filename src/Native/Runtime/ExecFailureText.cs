using System.Text.RegularExpressions;

namespace Berth.Native.Runtime;

/// <summary>
/// Rewrites the runtime's words for "the container's command cannot be run" into runc's, which Docker
/// passes on verbatim: <c>exec: "X": executable file not found in $PATH</c> and <c>exec: "X": permission denied</c>.
/// The docker CLI picks <c>docker run</c>'s exit code by those substrings (127 not found, 126 cannot execute,
/// else 125), so crun's own phrasing ("executable file `X` not found", "open executable: Permission denied")
/// and runc's logrus wrapper would make it answer 125 where Docker answers 127 or 126.
/// </summary>
public static partial class ExecFailureText
{
    private const string Prefix = "unable to start container process: ";

    /// <summary>The runtime's create error in runc's words where it is about the command; otherwise as given.</summary>
    public static string Describe(string message, string? executable)
    {
        var text = Unwrap(message.Trim());
        if (CrunNotFound().Match(text) is { Success: true } notFound)
            return $"{Prefix}exec: \"{notFound.Groups[1].Value}\": executable file not found in $PATH";
        if (CrunOpenExecutable().Match(text) is { Success: true } denied)
        {
            // crun answers EPERM for a directory and EACCES for a file without x; runc (and so Docker) says
            // "permission denied" for both.
            var reason = denied.Groups[1].Value.ToLowerInvariant() is "no such file or directory" ? "no such file or directory" : "permission denied";
            return $"{Prefix}exec: \"{executable ?? "?"}\": {reason}";
        }
        return text;
    }

    /// <summary>runc logs its error as <c>time="…" level=error msg="…"</c>; the message is what counts.</summary>
    private static string Unwrap(string text)
    {
        if (RuncLogLine().Match(text) is not { Success: true } line) return text;
        var inner = line.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return inner.StartsWith("runc create failed: ", StringComparison.Ordinal) ? inner["runc create failed: ".Length..] : inner;
    }

    [GeneratedRegex(@"^executable file `(.*)` not found in \$PATH(?:: .*)?$", RegexOptions.Singleline)]
    private static partial Regex CrunNotFound();

    [GeneratedRegex(@"^open executable: (.+)$", RegexOptions.Singleline)]
    private static partial Regex CrunOpenExecutable();

    [GeneratedRegex(@"level=error msg=""((?:[^""\\]|\\.)*)""", RegexOptions.Singleline)]
    private static partial Regex RuncLogLine();
}
