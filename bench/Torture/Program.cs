using Berth.Torture;

// berth's live-restore torture (see TortureRun):
//   dotnet run -c Release --project bench/Torture -- --berth-daemon PATH --berth PATH [--rounds N] [--seed S] [--image TAR] [--burst N] [--bip CIDR] [--kill-window MS] [--verbose]
// Bursts of client commands, the daemon SIGKILLed in the middle of each, restarted on the same roots, the promises checked against the host.
var options = TortureOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(TortureOptions.Usage);
    return 2;
}
return await new TortureRun(options).RunAsync();
