using Akka.Event;
using Berth.Supervisor.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using ConfigurationFactory = Akka.Configuration.ConfigurationFactory;
using HoconConfig = Akka.Configuration.Config;
using LogEvent = Serilog.Events.LogEvent;

namespace Berth.Supervisor.Tests.Logging;

/// <summary>
/// The Akka → Serilog bridge, exercised through a real actor system configured by type name as the
/// daemon configures it. Serilog's global logger is process-wide, so the class sits in a collection
/// that any other test touching <see cref="Serilog.Log.Logger"/> should join.
/// </summary>
[Collection("Serilog global logger")]
public sealed class SerilogAkkaLoggerTests : Akka.TestKit.Xunit2.TestKit
{
    // Built from the type rather than spelled ", berth" so the same test runs against any assembly the logger is compiled into.
    private static readonly string LoggerTypeName = $"{typeof(SerilogAkkaLogger).FullName}, {typeof(SerilogAkkaLogger).Assembly.GetName().Name}";

    private static readonly HoconConfig AkkaConfig = ConfigurationFactory.ParseString($$"""
        akka.loggers = ["{{LoggerTypeName}}"]
        akka.loglevel = INFO
        akka.stdout-loglevel = OFF
        """);

    public SerilogAkkaLoggerTests()
        : base(AkkaConfig)
    {
    }

    [Fact]
    public void A_warning_logged_through_the_actor_system_arrives_in_serilog_formatted_with_its_source()
    {
        var sink = new CollectingSink();
        var previous = Serilog.Log.Logger;
        Serilog.Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        try
        {
            Sys.Log.Warning("hello {0}", 42);

            AwaitCondition(() => sink.Find("hello 42") is not null, TimeSpan.FromSeconds(5));
            var logged = sink.Find("hello 42")!;
            Assert.Equal(LogEventLevel.Warning, logged.Level);
            Assert.True(logged.Properties.ContainsKey("LogSource"));
            Assert.True(logged.Properties.ContainsKey("Thread"));
        }
        finally
        {
            Serilog.Log.Logger = previous;
        }
    }

    [Fact]
    public void An_error_carries_its_exception_and_braces_in_the_text_survive()
    {
        var sink = new CollectingSink();
        var previous = Serilog.Log.Logger;
        Serilog.Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        try
        {
            var cause = new InvalidOperationException("boom");

            Sys.Log.Error(cause, "failed with {0}", "{\"json\":1}");

            AwaitCondition(() => sink.Find("failed with {\"json\":1}") is not null, TimeSpan.FromSeconds(5));
            var logged = sink.Find("failed with {\"json\":1}")!;
            Assert.Equal(LogEventLevel.Error, logged.Level);
            Assert.Same(cause, logged.Exception);
        }
        finally
        {
            Serilog.Log.Logger = previous;
        }
    }

    /// <summary>Test sink that keeps every event; written from the logger actor's thread, read from the test's.</summary>
    private sealed class CollectingSink : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                _events.Add(logEvent);
            }
        }

        public LogEvent? Find(string renderedMessage)
        {
            lock (_gate)
            {
                return _events.FirstOrDefault(e => e.RenderMessage() == renderedMessage);
            }
        }
    }
}
