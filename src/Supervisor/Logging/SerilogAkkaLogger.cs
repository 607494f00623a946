using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Serilog.Events;
using Serilog.Parsing;
using AkkaLogEvent = Akka.Event.LogEvent;
using SerilogLogEvent = Serilog.Events.LogEvent;

namespace Berth.Supervisor.Logging;

/// <summary>
/// Akka logger actor that forwards the actor system's log events to <see cref="Serilog.Log.Logger"/>,
/// so actors and the rest of the daemon share one log pipeline (stands in for Akka.Logger.Serilog,
/// which is not available). Enable it with
/// <c>akka.loggers = ["Berth.Supervisor.Logging.SerilogAkkaLogger, berth-daemon"]</c>.
/// Public because Akka creates it by type name. It reads <see cref="Serilog.Log.Logger"/> for every
/// event rather than capturing it, so the global logger may be replaced after the actor system starts.
/// Each event keeps Akka's own timestamp and carries the properties <c>LogSource</c>, <c>SourceContext</c>
/// (the logging class), <c>Thread</c> and, when the source is an actor, <c>ActorPath</c>.
/// </summary>
public sealed class SerilogAkkaLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>Creates the logger actor; Akka calls this when the actor system starts.</summary>
    public SerilogAkkaLogger()
    {
        Receive<Debug>(e => Write(LogEventLevel.Debug, e));
        Receive<Info>(e => Write(LogEventLevel.Information, e));
        Receive<Warning>(e => Write(LogEventLevel.Warning, e));
        Receive<Error>(e => Write(LogEventLevel.Error, e));
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
    }

    private static void Write(LogEventLevel level, AkkaLogEvent akkaEvent)
    {
        var logger = Serilog.Log.Logger;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        // The text is already formatted by Akka, so it becomes a single literal token: passed as a
        // template, braces in it (JSON, dictionaries) would be misread as Serilog holes.
        var text = akkaEvent.Message?.ToString() ?? string.Empty;
        var template = new MessageTemplate(text, [new TextToken(text)]);

        var properties = new List<LogEventProperty>(4)
        {
            new("LogSource", new ScalarValue(akkaEvent.LogSource)),
            new("Thread", new ScalarValue(akkaEvent.Thread.ManagedThreadId)),
        };
        if (akkaEvent.LogClass is not null)
        {
            properties.Add(new LogEventProperty("SourceContext", new ScalarValue(akkaEvent.LogClass.FullName)));
        }

        if (akkaEvent.LogSource is not null && ActorPath.TryParse(akkaEvent.LogSource, out var actorPath))
        {
            properties.Add(new LogEventProperty("ActorPath", new ScalarValue(actorPath.ToString())));
        }

        // Only errors are expected to carry a cause, but Akka lets warnings have one too; keep it either way.
        logger.Write(new SerilogLogEvent(new DateTimeOffset(akkaEvent.Timestamp).ToLocalTime(), level, akkaEvent.Cause, template, properties));
    }
}
