namespace Berth.Supervisor.Config;

/// <summary>
/// A daemon or client setting could not be accepted: an unknown or incomplete command-line flag, a
/// config file that is missing or not valid JSON, a key with a value of the wrong type, or a value
/// outside what berth supports (a non-unix host, an unknown runtime or log level).
/// The message is meant to be shown to the operator as is and always names the offending flag,
/// key, environment variable or file; <see cref="Subject"/> carries that name for callers that
/// want to react to it without parsing the text.
/// </summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="subject">The flag (<c>--data-root</c>), config key (<c>data-root</c>), environment variable or file the error is about.</param>
    /// <param name="message">Operator-facing text; it should itself name <paramref name="subject"/>.</param>
    /// <param name="innerException">The parser error behind it, if any.</param>
    public SettingsException(string subject, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Subject = subject;
    }

    /// <summary>The flag, config key, environment variable or file the error is about.</summary>
    public string Subject { get; }
}
