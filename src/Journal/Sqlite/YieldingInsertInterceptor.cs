using System.Data;
using System.Data.Common;
using LinqToDB.Common;
using LinqToDB.Interceptors;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Group commit for the journal. Microsoft.Data.Sqlite runs its "async" commands synchronously, so the
/// plugin's write stage would finish each write before the next offer reaches its batcher and every event
/// would pay a transaction (and an fsync) of its own. Yielding before an INSERT makes the write truly
/// asynchronous to the stream: writes offered meanwhile are batched into the next transaction.
/// Durability is unchanged: the plugin still acknowledges a write (and the actor's Persist callback
/// still runs) only after its transaction has committed with synchronous=FULL.
/// </summary>
internal sealed class YieldingInsertInterceptor : CommandInterceptor
{
    public static readonly YieldingInsertInterceptor Instance = new();

    private YieldingInsertInterceptor() { }

    public override async Task<Option<int>> ExecuteNonQueryAsync(
        CommandEventData eventData, DbCommand command, Option<int> result, CancellationToken cancellationToken)
    {
        if (IsInsert(command)) await Task.Yield();
        return result;
    }

    public override async Task<Option<object?>> ExecuteScalarAsync(
        CommandEventData eventData, DbCommand command, Option<object?> result, CancellationToken cancellationToken)
    {
        if (IsInsert(command)) await Task.Yield();
        return result;
    }

    public override async Task<Option<DbDataReader>> ExecuteReaderAsync(
        CommandEventData eventData, DbCommand command, CommandBehavior commandBehavior, Option<DbDataReader> result,
        CancellationToken cancellationToken)
    {
        if (IsInsert(command)) await Task.Yield();
        return result;
    }

    private static bool IsInsert(DbCommand command) =>
        command.CommandText.AsSpan().TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase);
}
