using Akka.Actor;
using Akka.Configuration;
using System.Text;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Restart;
using Berth.Actors.Tests.Containers;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;
using Berth.Journal.Sqlite;

namespace Berth.Actors.Tests.Recovery;

/// <summary>
/// A property: whatever sequence of commands a daemon went through, stopping it and starting
/// another on the same journal gives back the same containers with the same states — recovered by
/// the bulk read at start, and again when each container replays its own journal (snapshots
/// included), so the two recoveries agree. Each seed drives a random sequence over three container
/// slots; a failure names the seed and the steps.
/// </summary>
public sealed class ReplayPropertyTests : IClassFixture<JournalWarmup>
{
    private static readonly int Seeds = int.TryParse(Environment.GetEnvironmentVariable("BERTH_REPLAY_SEEDS"), out var n) ? n : 30;
    private static readonly int FirstSeed = int.TryParse(Environment.GetEnvironmentVariable("BERTH_REPLAY_FIRST_SEED"), out var f) ? f : 1;
    private const int Parallelism = 4;
    private static readonly string[] Policies = ["no", "always", "unless-stopped", "on-failure", "on-failure:2"];

    [Fact]
    public async Task Replaying_the_journal_gives_back_every_container_after_any_command_sequence()
    {
        var failures = new List<string>();
        using var gate = new SemaphoreSlim(Parallelism);

        await Task.WhenAll(Enumerable.Range(FirstSeed, Seeds).Select(async seed =>
        {
            await gate.WaitAsync();
            try
            {
                if (await RunSeedAsync(seed) is { } failure) lock (failures) failures.Add(failure);
            }
            catch (Exception error)
            {
                lock (failures) failures.Add($"seed {seed}: {error}");
            }
            finally { gate.Release(); }
        }));

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.OrderBy(f => f)));
    }

    /// <summary>Runs one seed; returns null when the property holds, else what differed and how to reproduce it.</summary>
    private static async Task<string?> RunSeedAsync(int seed)
    {
        var random = new Random(seed);
        var clock = new ManualClock();
        // Small snapshot intervals, so that replay often starts from a snapshot rather than the first fact.
        using var world = new TestWorld(clock, snapshotEvery: 2 + seed % 5);
        var steps = new StringBuilder();
        var slots = new string?[3];
        Dictionary<string, ContainerState> before;
        IReadOnlyList<ContainerState> listedBefore;

        await using (var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            var count = random.Next(20, 41);
            for (var step = 0; step < count; step++)
            {
                try
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var description = await StepAsync(random, world, clock, daemon, slots);
                    await SettleAsync(world, daemon, slots);
                    steps.AppendLine($"  {step}: {description} ({watch.ElapsedMilliseconds} ms)");
                }
                catch (Exception error)
                {
                    var states = new StringBuilder();
                    foreach (var id in slots.OfType<string>())
                        states.AppendLine($"    {Short(id)}: {(world.Runtime.IsRunning(id) ? "process running" : "no process")}");
                    return $"seed {seed}: step {step} failed: {error.GetType().Name}: {error.Message}\n  steps:\n{steps}  fake:\n{states}";
                }
            }
            before = new Dictionary<string, ContainerState>();
            foreach (var id in slots.OfType<string>())
                before[id] = await daemon.SettledAsync(id) ?? throw new InvalidOperationException($"slot {id} is gone");
            listedBefore = await daemon.ListAllAsync();
        }

        // First the daemon's way (the bulk read at start), then each container replaying its own journal
        // (snapshot plus the facts after it), which must give what the bulk-recovered daemon held.
        var problems = await BulkFoldProblemsAsync(world, before);
        if (problems.Count > 0) return $"seed {seed}: {string.Join("\n", problems)}\n  steps:\n{steps}";
        (problems, var afterBulk, var listedAfterBulk) = await RestartAndCompareAsync(world, before, listedBefore, bulkRead: true);
        if (problems.Count == 0)
            (problems, _, _) = await RestartAndCompareAsync(world, afterBulk, listedAfterBulk, bulkRead: false);

        if (Environment.GetEnvironmentVariable("BERTH_REPLAY_TRACE") is not null) Console.WriteLine($"seed {seed}: final {string.Join(", ", before.Values.Select(v => $"{v.Status}{(v.ManuallyStopped ? "/stopped" : "")} r{v.RestartCount} {v.HostConfig.RestartPolicy.Name}"))}\n{steps}");
        return problems.Count == 0 ? null : $"seed {seed}: {string.Join("\n", problems)}\n  steps:\n{steps}";
    }

    /// <summary>The bulk read's states (one scan, folded) against the daemon's own, container by container.</summary>
    private static async Task<List<string>> BulkFoldProblemsAsync(TestWorld world, Dictionary<string, ContainerState> before)
    {
        var options = JournalOptions.For(world.JournalPath, BerthSerializer.TypeName);
        var system = ActorSystem.Create("scan", SqliteJournalSetup.Create(options, ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        try
        {
            var seeds = RecoverySeeds.Fold(ContainerJournalScan.For(system).ReadAll());
            var problems = new List<string>();
            foreach (var (id, expected) in before)
            {
                if (!seeds.TryGetValue(id, out var seed)) problems.Add($"the bulk read has no state for container {id}");
                else if (StateJson.Of(seed.State) != StateJson.Of(expected))
                    problems.Add($"container {id}: bulk read differs\n    daemon:    {StateJson.Of(expected)}\n    bulk read: {StateJson.Of(seed.State)}");
            }
            return problems;
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Starts a daemon on the world's journal and checks every container against what it was before.</summary>
    private static async Task<(List<string> Problems, Dictionary<string, ContainerState> After, IReadOnlyList<ContainerState> Listed)>
        RestartAndCompareAsync(TestWorld world, Dictionary<string, ContainerState> before, IReadOnlyList<ContainerState> listedBefore, bool bulkRead)
    {
        var how = bulkRead ? "after a restart (bulk read)" : "after a restart (each container replaying)";
        await using var restarted = await TestDaemon.StartAsync(world, virtualScheduler: true, bulkRead: bulkRead);
        var problems = new List<string>();
        var after = new Dictionary<string, ContainerState>();
        foreach (var (id, expected) in before)
        {
            var actual = await restarted.SettledAsync(id);
            if (actual is null) { problems.Add($"container {id} ({expected.Name}) is gone {how}"); continue; }
            after[id] = actual;
            if (StartsAtDaemonStart(expected))
            {
                // Docker's rule, applied on top of the replayed state: the policy starts it again.
                if (actual.Status != ContainerStatus.Running || !actual.ByRestartPolicy)
                    problems.Add($"container {id} ({expected.Name}) should have been started by its policy at daemon start, is {actual.Status} {how}");
                continue;
            }
            if (StateJson.Of(expected) != StateJson.Of(actual))
                problems.Add($"container {id} differs {how}\n    before: {StateJson.Of(expected)}\n    after:  {StateJson.Of(actual)}");
        }
        var listedAfter = await restarted.ListAllAsync();
        var idsBefore = listedBefore.Select(s => s.Id).Order().ToList();
        var idsAfter = listedAfter.Select(s => s.Id).Order().ToList();
        if (!idsBefore.SequenceEqual(idsAfter))
            problems.Add($"listed containers differ {how}: before [{string.Join(", ", idsBefore)}], after [{string.Join(", ", idsAfter)}]");
        if (!idsBefore.SequenceEqual(before.Keys.Order()))
            problems.Add($"the list [{string.Join(", ", idsBefore)}] is not the live slots [{string.Join(", ", before.Keys.Order())}]");
        return (problems, after, listedAfter);
    }

    private static bool StartsAtDaemonStart(ContainerState state) =>
        state.Status == ContainerStatus.Exited
        && RestartDecision.AtDaemonStart(state.HostConfig.RestartPolicy, state.ExitCode, state.ManuallyStopped, state.RestartCount);

    /// <summary>One random step; refusals are part of the game and ignored.</summary>
    private static async Task<string> StepAsync(Random random, TestWorld world, ManualClock clock, TestDaemon daemon, string?[] slots)
    {
        var slot = random.Next(slots.Length);
        if (slots[slot] is not { } id)
        {
            var name = random.Next(3) == 0 ? null : RandomName(random);
            var policy = Policies[random.Next(Policies.Length)];
            RestartPolicy.TryParse(policy, out var parsed);
            var reply = await daemon.Host.Registry.Ask<object>(new CreateContainer(name, "sha256:img", "busybox",
                new ContainerConfig { Cmd = ["sleep", "1000"] }, new HostConfig { RestartPolicy = parsed }), TestDaemon.Timeout);
            if (reply is ContainerCreated created) slots[slot] = created.Id;
            return $"create {name ?? "(random name)"} --restart {policy} -> {Describe(reply)}";
        }

        switch (random.Next(13))
        {
            case 0 or 1 or 2: return await CommandAsync(daemon, id, new StartContainer(), "start");
            case 3: return await CommandAsync(daemon, id, new StopContainer(0), "stop -t 0");
            case 4:
                var signal = random.Next(2) == 0 ? "SIGKILL" : "SIGTERM";
                return await CommandAsync(daemon, id, new KillContainer(signal), $"kill -s {signal}");
            case 5: return await CommandAsync(daemon, id, new PauseContainer(), "pause");
            case 6: return await CommandAsync(daemon, id, new UnpauseContainer(), "unpause");
            case 7: return await CommandAsync(daemon, id, new RestartContainer(0), "restart -t 0");
            case 8:
                var newName = RandomName(random);
                return await CommandAsync(daemon, id, new RenameContainer(newName), $"rename {newName}");
            case 9:
                var result = await CommandAsync(daemon, id, new RemoveContainer(Force: true), "rm -f");
                if (result.EndsWith("Done")) slots[slot] = null;
                return result;
            case 10 or 11:
                // The process of some running (not frozen) container ends by itself.
                var running = slots.OfType<string>().Where(c => world.Runtime.IsRunning(c) && !world.Runtime.IsPaused(c)).ToList();
                if (running.Count == 0) return "no running process to end";
                var victim = running[random.Next(running.Count)];
                var code = random.Next(4) switch { 0 => 0, 1 => 1, 2 => 2, _ => 137 };
                world.Runtime.ExitTask(victim, code);
                return $"{Short(victim)} exits by itself with {code}";
            default:
                var ms = random.Next(0, 400);
                var seconds = random.Next(4) == 0 ? random.Next(0, 15) : 0;
                clock.Advance(TimeSpan.FromSeconds(seconds));
                daemon.VirtualScheduler.Advance(TimeSpan.FromMilliseconds(ms));
                return $"time passes {ms} ms (clock +{seconds} s)";
        }
    }

    private static async Task<string> CommandAsync(TestDaemon daemon, string id, IContainerCommand command, string text) =>
        $"{text} {Short(id)} -> {Describe(await daemon.AskAsync(id, command))}";

    /// <summary>Waits until every container has taken in what happened to its process and finished its sequence.</summary>
    private static async Task SettleAsync(TestWorld world, TestDaemon daemon, string?[] slots)
    {
        foreach (var id in slots.OfType<string>())
        {
            // An exit the fake has produced must have been journaled before the barrier means anything.
            var deadline = DateTime.UtcNow + TestDaemon.Timeout;
            while (true)
            {
                var state = await daemon.SettledAsync(id);
                if (state is null || !state.IsRunning || world.Runtime.IsRunning(id)) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"container {id} never noticed its exit");
                await Task.Delay(5);
            }
        }
    }

    private static string RandomName(Random random) =>
        "c" + new string(Enumerable.Range(0, random.Next(1, 3)).Select(_ => (char)('a' + random.Next(3))).ToArray());

    private static string Short(string id) => id[..8];

    private static string Describe(object reply) => reply switch
    {
        Done => "Done",
        ContainerCreated c => $"created {Short(c.Id)} {c.Name}",
        Rejected r => $"{r.Kind}: {r.Message}",
        _ => reply.ToString() ?? "null",
    };
}
