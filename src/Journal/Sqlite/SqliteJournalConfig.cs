using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Builds the Akka configuration of berth's embedded journal: Akka.Persistence.Sql on one SQLite file
/// through Microsoft.Data.Sqlite (linq2db provider <c>SQLite.MS</c>), tables created on first start,
/// events tagged, everything journaled written by berth's string-manifest serializer.
/// </summary>
public static class SqliteJournalConfig
{
    private const string ProviderName = "SQLite.MS";

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
                  connection-string = "{{connection}}"
                  provider-name = "{{ProviderName}}"
                  auto-initialize = on
                  tag-write-mode = TagTable
                  read-isolation-level = read-uncommitted
                  # SQLite has one writer; more parallel writers only contend on its lock.
                  parallelism = 1
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
                  auto-initialize = on
                  read-isolation-level = read-uncommitted
                }
              }
              query.journal.sql {
                connection-string = "{{connection}}"
                provider-name = "{{ProviderName}}"
                tag-write-mode = TagTable
                read-isolation-level = read-uncommitted
                refresh-interval = {{(int)options.QueryRefreshInterval.TotalMilliseconds}}ms
              }
            }
            """;
        // The plugin's own defaults are not loaded by themselves; without this fallback the journal
        // actor fails with "Plugin class name must be defined".
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>The connection string every journal connection uses (busy timeout via Default Timeout).</summary>
    public static string ConnectionString(JournalOptions options) =>
        $"Data Source={options.DatabasePath};Pooling=True;Default Timeout={(int)options.BusyTimeout.TotalSeconds}";
}
