namespace Berth.Native.Runtime;

/// <summary>
/// A failed OCI runtime or monitor operation: what was attempted, why it failed, and the stderr of
/// the program that refused (crun, runc, conmon), which is usually the real explanation.
/// </summary>
public sealed class RuntimeException(string operation, string message, string stderr = "", RuntimeErrorKind kind = RuntimeErrorKind.Failed, Exception? inner = null)
    : Exception(Compose(operation, message, stderr), inner)
{
    /// <summary>The attempted operation, e.g. "create", "start", "kill", "delete".</summary>
    public string Operation { get; } = operation;

    public string Stderr { get; } = stderr;

    public RuntimeErrorKind Kind { get; } = kind;

    private static string Compose(string operation, string message, string stderr)
    {
        var detail = stderr.Trim();
        return detail.Length == 0 || message.Contains(detail, StringComparison.Ordinal)
            ? $"{operation}: {message}"
            : $"{operation}: {message}: {detail}";
    }
}
