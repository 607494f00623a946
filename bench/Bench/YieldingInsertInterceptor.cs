using System.Data.Common;
using LinqToDB.Common;
using LinqToDB.Interceptors;

namespace Berth.Bench;

/// <summary>
/// Experiment (bench only): Microsoft.Data.Sqlite runs its "async" commands synchronously, so the plugin's
/// write stage finishes each write before the next offer reaches its batcher and every event becomes a
/// transaction of its own. Yielding before an INSERT makes the write truly asynchronous to the stream,
/// so offers arriving meanwhile are batched into the next transaction. With <c>alsoReads</c> every query
/// yields too, so the journal and snapshot actors (which await their queries inline) stop running every
/// recovery query one after another on their own thread.
/// </summary>
internal sealed class YieldingInsertInterceptor(bool alsoReads = false) : CommandInterceptor
{
    public override async Task<Option<int>> ExecuteNonQueryAsync(CommandEventData eventData, DbCommand command, Option<int> result, CancellationToken cancellationToken)
    {
        if (IsInsert(command)) await Task.Yield();
        return result;
    }

    public override async Task<Option<object?>> ExecuteScalarAsync(CommandEventData eventData, DbCommand command, Option<object?> result, CancellationToken cancellationToken)
    {
        if (IsInsert(command)) await Task.Yield();
        return result;
    }

    public override async Task<Option<DbDataReader>> ExecuteReaderAsync(CommandEventData eventData, DbCommand command, System.Data.CommandBehavior commandBehavior, Option<DbDataReader> result, CancellationToken cancellationToken)
    {
        if (IsInsert(command)) await Task.Yield();
        return result;
    }

    private bool IsInsert(DbCommand command) =>
        alsoReads || command.CommandText.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase);
}
