namespace Berth.Bench;

/// <summary>Completes when <c>count</c> actors have signalled; sums what they report and notes the first signal.</summary>
internal sealed class Countdown(int count)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _left = count;
    private long _total;
    private long _firstAt;

    public Task Done => _done.Task;
    public long Total => Interlocked.Read(ref _total);
    /// <summary>Stopwatch timestamp of the first signal.</summary>
    public long FirstAt => Interlocked.Read(ref _firstAt);

    public void Signal(long value)
    {
        Interlocked.CompareExchange(ref _firstAt, System.Diagnostics.Stopwatch.GetTimestamp(), 0);
        Interlocked.Add(ref _total, value);
        if (Interlocked.Decrement(ref _left) == 0) _done.TrySetResult();
    }
}
