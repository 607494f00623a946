using System.Diagnostics;

namespace Berth.Torture;

/// <summary>
/// One torture round: a concurrent burst of client commands, SIGKILL of the daemon 0–300 ms into it,
/// a restart on the same roots, and what the round's commands promised (ids `rm -f` removed).
/// </summary>
internal sealed class Round(TortureOptions options, Random random, CommandMix mix, CliRunner cli, DaemonProcess daemon, UnixHttp http, History history)
{
    private int _issued;

    public int CommandsIssued => _issued;
    public List<Violation> ClientProblems { get; } = [];

    /// <param name="proxy">
    /// Where the burst's clients connect: the kill lands 0–300 ms after the first request arrives, not
    /// before the first client process has even started.
    /// </param>
    public async Task RunAsync(int round, SocketProxy proxy)
    {
        var before = await ContainerView.ReadAllAsync(http);
        history.Saw(before.Select(v => v.Id));
        var ids = before.ToDictionary(v => v.Name, v => v.Id);
        var names = before.Select(v => v.Name).ToList();
        var commands = Enumerable.Range(0, options.BurstSize).Select(_ => mix.Next(round, names)).ToList();
        var killAfter = random.Next(0, options.KillWindowMs + 1);
        var staggers = commands.Select(_ => random.Next(0, 150)).ToList();
        proxy.Arm();
        var clock = Stopwatch.StartNew();
        var running = commands.Select((c, i) => RunCommandAsync(c, staggers[i])).ToList();
        // Should no client get through at all (the 60 s client timeout), the daemon is killed anyway.
        await Task.WhenAny(proxy.FirstRequest, Task.Delay(CliRunner.Timeout));
        var firstAt = clock.ElapsedMilliseconds;
        await Task.Delay(killAfter);
        await daemon.KillAsync();
        var killedAt = clock.ElapsedMilliseconds;
        var results = await Task.WhenAll(running);
        await daemon.StartAsync(http);
        Console.WriteLine($"round {round}: {commands.Count} commands, SIGKILL at {killedAt} ms ({killAfter} ms after the first request at {firstAt} ms), restarted after {clock.ElapsedMilliseconds - killedAt} ms; "
            + $"{results.Count(r => r.All(s => s.Succeeded))} commands succeeded before/around the kill");
        foreach (var (command, steps) in commands.Zip(results))
        {
            if (options.Verbose) Console.WriteLine($"    {command.Verb}: {steps[^1]}");
            foreach (var step in steps.Where(s => s.Hung))
                ClientProblems.Add(new("client-hang", $"round {round}: {step}"));
            if (command.Verb == "rm-f" && steps.All(s => s.Succeeded) && ids.TryGetValue(command.Target!, out var removed))
                history.MarkRemoved(removed);
            var created = steps[0].Output.Trim();
            if (command.Verb is "run-none" or "run-bridge" or "create-start" && steps[0].Succeeded && created.Length == 64) history.Saw([created]);
        }
    }

    private async Task<IReadOnlyList<CliResult>> RunCommandAsync(TortureCommand command, int stagger)
    {
        await Task.Delay(stagger);
        var results = new List<CliResult>();
        foreach (var step in command.Steps)
        {
            Interlocked.Increment(ref _issued);
            var result = await cli.RunAsync(step);
            results.Add(result);
            if (!result.Succeeded) break;
        }
        return results;
    }
}
