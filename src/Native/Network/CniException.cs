namespace Berth.Native.Network;

/// <summary>
/// A CNI plugin refused: its error result (<c>code</c>, <c>msg</c>, <c>details</c>, CNI spec §5
/// "Error") or, when it printed none, its exit code and stderr. Codes 1–99 are the spec's well-known
/// ones (7 invalid config, 11 try again later…); 999 is what Go plugins use for "anything else".
/// </summary>
public sealed class CniException(string plugin, string command, int code, string msg, string details = "", string stderr = "")
    : NetworkException(NetworkErrorKind.Internal, Compose(plugin, command, code, msg, details))
{
    /// <summary>The plugin's type, e.g. "bridge", "portmap".</summary>
    public string Plugin { get; } = plugin;

    /// <summary>The CNI command that failed: ADD, DEL, CHECK or VERSION.</summary>
    public string Command { get; } = command;

    public int Code { get; } = code;

    public string Msg { get; } = msg;

    public string Details { get; } = details;

    /// <summary>What the plugin wrote to stderr (logs); often empty.</summary>
    public string Stderr { get; } = stderr;

    private static string Compose(string plugin, string command, int code, string msg, string details) =>
        string.IsNullOrWhiteSpace(details)
            ? $"CNI plugin {plugin} {command} failed (code {code}): {msg}"
            : $"CNI plugin {plugin} {command} failed (code {code}): {msg}: {details}";
}
