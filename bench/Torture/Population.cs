using System.Diagnostics;

namespace Berth.Torture;

/// <summary>
/// Keeps enough containers around between rounds (no kill during this) so that stop, kill, pause, rm and
/// rename in the next burst have targets: a burst that is cut 0–300 ms in rarely finishes a create itself.
/// </summary>
internal sealed class Population(CliRunner cli, Random random, History history)
{
    private const int Floor = 8;
    private int _next;

    public int CommandsIssued { get; private set; }

    public async Task TopUpAsync(int current)
    {
        var clock = Stopwatch.StartNew();
        var missing = Math.Max(0, Floor - current);
        var created = await Task.WhenAll(Enumerable.Range(0, missing).Select(_ => CreateAsync()));
        if (missing > 0) Console.WriteLine($"  topped up {created.Count(c => c)}/{missing} containers in {clock.ElapsedMilliseconds} ms");
    }

    private async Task<bool> CreateAsync()
    {
        var name = $"p{Interlocked.Increment(ref _next)}";
        var network = random.Next(2) == 0 ? "none" : "bridge";
        CommandsIssued++;
        var run = await cli.RunAsync("run", "-d", "--network", network, "--name", name, "busybox", "sleep", "100000");
        if (!run.Succeeded)
        {
            Console.WriteLine($"  top-up failed: {run}");
            return false;
        }
        history.Saw([run.Output.Trim()]);
        if (random.Next(4) == 0)
        {
            CommandsIssued++;
            await cli.RunAsync("pause", name);
        }
        return true;
    }
}
