namespace Berth.Native.Runtime;

/// <summary>Why a runtime operation failed, so callers can map it without parsing messages.</summary>
public enum RuntimeErrorKind
{
    /// <summary>The runtime, monitor or host failed; the message and stderr say how.</summary>
    Failed,

    /// <summary>The runtime has no container with this id (never created, or already deleted).</summary>
    NotFound,

    /// <summary>The container exists but is not running (a signal, pause or resume came too late).</summary>
    NotRunning,

    /// <summary>The request itself is invalid: unknown runtime, unknown user, bad spec.</summary>
    InvalidArgument,

    /// <summary>The process and its monitor are gone and nothing recorded how the process ended.</summary>
    Lost,
}
