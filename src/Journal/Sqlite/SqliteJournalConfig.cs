using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Builds the Akka configuration of berth's embedded journal: Akka.Persistence.Sql on one SQLite file
/// through Microsoft.Data.Sqlite (linq2db provider <c>SQLite.MS</c>), tables made by <see cref="SqliteJournalFile"/>,
/// events tagged, everything journaled written by berth's string-manifest serializer. The actor system
/// also needs the plugin's connection options: start it with <see cref="SqliteJournalSetup"/>, which uses
/// this configuration. Journal writes go through berth's group commit (<see cref="SqliteWriteJournal"/>).
/// </summary>
public static class SqliteJournalConfig
{
    /// <summary>linq2db's provider for Microsoft.Data.Sqlite.</summary>
    public const string ProviderName = LinqToDB.ProviderName.SQLiteMS;

    public static Config Build(JournalOptions options)
    {
        var connection = ConnectionString(options);
        // Reads must not take the write lock: with the default isolation Microsoft.Data.Sqlite opens
        // read transactions with BEGIN IMMEDIATE and recovering many actors serializes on it.
        var hocon = $$"""
            akka.actor {
              serializers.berth = "{{options.Serializer}}"
              serialization-bindings {
                "Berth.Journal.Events.IJournaled, Berth.Journal" = berth
              }
            }
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "{{typeof(SqliteWriteJournal).FullName}}, {{typeof(SqliteWriteJournal).Assembly.GetName().Name}}"
                  # One daemon writes each persistence id; the filter against several writers would only
                  # add an actor per recovery.
                  replay-filter.mode = off
                  connection-string = "{{connection}}"
                  provider-name = "{{ProviderName}}"
                  # SqliteJournalFile.Prepare makes the tables, before the actor system starts.
                  auto-initialize = off
                  tag-write-mode = TagTable
                  read-isolation-level = read-uncommitted
                  # The most rows one group commit holds (SqliteWriteJournal writes; the plugin only reads).
                  batch-size = {{options.WriteBatchSize}}
                  event-adapters {
                    container-tagger = "Berth.Journal.Tagging.ContainerEventTagger, Berth.Journal"
                    network-tagger = "Berth.Journal.Tagging.NetworkEventTagger, Berth.Journal"
                  }
                  event-adapter-bindings {
                    "Berth.Journal.Events.IContainerEvent, Berth.Journal" = container-tagger
                    "Berth.Journal.Events.INetworkEvent, Berth.Journal" = network-tagger
                  }
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = "{{connection}}"
                  provider-name = "{{ProviderName}}"
                  auto-initialize = off
                  read-isolation-level = read-uncommitted
                }
              }
              query.journal.sql {
                connection-string = "{{connection}}"
                provider-name = "{{ProviderName}}"
                tag-read-mode = TagTable
                read-isolation-level = read-uncommitted
                # A follow query sees a new event after at most about refresh-interval + query-delay:
                # the sequence actor must first see the new ordering before the stream reads up to it.
                refresh-interval = {{Ms(options.QueryRefreshInterval)}}
                journal-sequence-retrieval {
                  query-delay = {{Ms(options.QueryRefreshInterval)}}
                  max-backoff-query-delay = 10s
                  # Generous on a loaded two-core host: a timed-out ask fails the whole stream.
                  ask-timeout = {{Ms(options.QueryAskTimeout)}}
                }
                query-throttle-timeout = {{Ms(options.QueryAskTimeout)}}
              }
            }
            """;
        // The plugin's own defaults are not loaded by themselves; without this fallback the journal
        // actor fails with "Plugin class name must be defined".
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Ms(TimeSpan span) => $"{(long)span.TotalMilliseconds}ms";

    /// <summary>The connection string every journal connection uses (busy timeout via Default Timeout).</summary>
    public static string ConnectionString(JournalOptions options) =>
        $"Data Source={options.DatabasePath};Pooling=True;Default Timeout={(int)options.BusyTimeout.TotalSeconds}";
}
