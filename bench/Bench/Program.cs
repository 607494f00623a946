using System.Globalization;
using Berth.Bench;

// berth's benchmarks. `journal` measures the durable journal (SQLite WAL, synchronous=FULL):
//   dotnet run -c Release --project bench/Bench -- journal [writes|recovery] [--quick] [--repeat N] [--only TEXT]
// `recover-once DB SETTING N` is the child process the recovery benchmark starts for each cold run (it prints its JIT
// count to stderr). For fresh-process figures as a daemon start pays them, run the bench published like the daemon
// (ReadyToRun): `dotnet publish bench/Bench -c Release -o DIR && DIR/Berth.Bench journal recovery`;
// `fill DIR N` leaves a journal of N containers × 10 facts in DIR for profiling recover-once by hand.

if (args is ["recover-once", var db, var index, var count])
{
    var setting = JournalSettings.Recovery[int.Parse(index, CultureInfo.InvariantCulture)];
    var total = int.Parse(count, CultureInfo.InvariantCulture);
    var cold = await RecoveryBench.RecoverAsync(setting, db, total);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"fresh process: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods JIT-compiled, {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms compiling"));
    // Again in the same process: JIT and the plugin's query caches warm, as a supervisor-restarted tree sees it.
    var warm = await RecoveryBench.RecoverAsync(setting, db, total);
    Console.WriteLine(RecoveryBench.Format(cold, warm));
    return 0;
}

if (args is ["fill", var directory, var containers])
{
    var journal = new BenchJournal(directory);
    await RecoveryBench.FillAsync(journal, int.Parse(containers, CultureInfo.InvariantCulture));
    Console.WriteLine(journal.DatabasePath);
    return 0;
}

if (args is ["network", ..])
    return await NetworkBenchmark.RunAsync(args[1..]);

if (args is ["start", ..])
    return await StartBenchmark.RunAsync(args[1..]);

if (args is ["events", ..])
    return await EventsBenchmark.RunAsync(args[1..]);

if (args.Length == 0 || args[0] != "journal")
{
    Console.Error.WriteLine("usage: Bench journal [writes|recovery] [--quick] [--repeat N] [--only TEXT]");
    return 2;
}

var options = BenchArguments.Parse(args.Skip(1).ToArray());
return await JournalBenchmark.RunAsync(options);
