using Berth.Supervisor.Config;
using Serilog;
using Serilog.Events;

namespace Berth.Supervisor.Logging;

/// <summary>
/// Builds the daemon's Serilog pipeline: human-readable lines on stderr (stdout belongs to command
/// output) and a daily-rolling, size-capped file under the log directory so a long-running daemon
/// neither loses its history nor fills the disk.
/// </summary>
internal static class LogSetup
{
    private const string ConsoleTemplate = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    // The file keeps the structured properties (LogSource, ActorPath …) that would clutter a terminal.
    private const string FileTemplate = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    private const long FileSizeLimitBytes = 50L * 1024 * 1024;
    private const int RetainedFileCount = 7;

    /// <summary>
    /// Creates the logger. The result is a <see cref="Serilog.Core.Logger"/> and so <see cref="IDisposable"/>:
    /// dispose it (or call <see cref="Serilog.Log.CloseAndFlush"/> once it is <see cref="Serilog.Log.Logger"/>) on shutdown
    /// so the file sink flushes.
    /// </summary>
    /// <param name="level">dockerd's level name: debug, info, warn, error or fatal (case-insensitive).</param>
    /// <param name="logDirectory">Directory for <c>berth-YYYYMMDD.log</c> files; created if missing.</param>
    /// <exception cref="SettingsException">The level is not one of dockerd's.</exception>
    public static Serilog.ILogger Create(string level, string logDirectory)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentException.ThrowIfNullOrEmpty(logDirectory);

        return new LoggerConfiguration()
            .MinimumLevel.Is(ToSerilogLevel(level))
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: null)
            .WriteTo.File(
                Path.Combine(logDirectory, "berth-.log"),
                outputTemplate: FileTemplate,
                formatProvider: null,
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: FileSizeLimitBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: RetainedFileCount)
            .CreateLogger();
    }

    /// <summary>Maps dockerd's level names onto Serilog's.</summary>
    /// <exception cref="SettingsException">Not one of debug, info, warn, error, fatal.</exception>
    internal static LogEventLevel ToSerilogLevel(string level) => level.ToLowerInvariant() switch
    {
        "debug" => LogEventLevel.Debug,
        "info" => LogEventLevel.Information,
        "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" => LogEventLevel.Fatal,
        _ => throw new SettingsException("log-level", $"log-level: unknown level '{level}'; expected one of debug, info, warn, error, fatal"),
    };
}
