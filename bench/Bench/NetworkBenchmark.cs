using System.Diagnostics;
using System.Globalization;
using Berth.Native.Network;

namespace Berth.Bench;

/// <summary>
/// `network` mode: where a bridge start's time goes. (1) The sandbox alone, through the same
/// CniNetworkSandboxes the daemon uses, on a private bridge and subnet: allocate + release for
/// `none` (netns + lo up in-process) and for a bridge network (+ bridge/host-local), and
/// with one published port (+ portmap). (2) With --host, `berth run --rm busybox true` on the
/// default bridge vs `--network none` through a running daemon: the network share of a start.
///   dotnet run -c Release --project bench/Bench -- network [--runs N] [--host unix:///run/berth/berth.sock] [--berth PATH]
/// </summary>
internal static class NetworkBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 15;
        string? host = null;
        var berth = Path.Combine(AppContext.BaseDirectory, "berth");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--host": host = args[++i]; break;
                case "--berth": berth = args[++i]; break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
            }
        }
        var root = Directory.CreateTempSubdirectory("bnet");
        try
        {
            var settings = new NetworkSettings(Path.Combine(root.FullName, "run"), Path.Combine(root.FullName, "lib"))
            {
                BridgeName = "bnb" + Random.Shared.Next(1000, 9999),
                Subnet = $"10.{240 + Random.Shared.Next(0, 10)}.{Random.Shared.Next(0, 250)}.0/24",
            };
            var sandboxes = new CniNetworkSandboxes(settings);
            Console.WriteLine($"CNI sandbox allocate + release, {runs} runs each (bridge {settings.BridgeName}, {settings.Subnet}):");
            await Measure("none (netns + lo up)", runs, sandboxes, id => new SandboxRequest(id, "none", "h", null));
            await Measure("bridge (netns + lo + bridge/host-local)", runs, sandboxes, id => new SandboxRequest(id, "bridge", "h", null));
            await Measure("bridge + 1 published port (+ portmap)", runs, sandboxes,
                id => new SandboxRequest(id, "bridge", "h", null, [new SandboxPortRequest(80, HostIp: "127.0.0.1")]));
            await new NetworkMasquerade().RemoveAsync(settings.DefaultNetwork, CancellationToken.None);
            await Berth.Native.Processes.ProcessRunner.RunAsync(new("/usr/sbin/ip", ["link", "delete", settings.BridgeName]), CancellationToken.None);
        }
        finally
        {
            root.Delete(recursive: true);
        }
        if (host is null) return 0;
        Console.WriteLine($"berth run --rm busybox true through {host}, {runs} runs each:");
        var none = await Cli(berth, runs, ["-H", host, "run", "--rm", "--network", "none", "busybox", "true"]);
        var bridge = await Cli(berth, runs, ["-H", host, "run", "--rm", "busybox", "true"]);
        Console.WriteLine($"  --network none   median {none:0} ms");
        Console.WriteLine($"  bridge           median {bridge:0} ms   network share {bridge - none:0} ms ({(bridge - none) / bridge:P0})");
        return 0;
    }

    private static async Task Measure(string name, int runs, CniNetworkSandboxes sandboxes, Func<string, SandboxRequest> request)
    {
        var add = new List<double>();
        var del = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            var id = "bench" + Guid.NewGuid().ToString("N")[..12];
            var clock = Stopwatch.StartNew();
            await sandboxes.AllocateAsync(request(id), CancellationToken.None);
            var added = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await sandboxes.ReleaseAsync(id, CancellationToken.None);
            if (i == 0) continue; // warm-up
            add.Add(added);
            del.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"  {name,-48} allocate {Median(add),6:0} ms   release {Median(del),6:0} ms   total {Median(add.Zip(del, (a, d) => a + d).ToList()),6:0} ms");
    }

    private static async Task<double> Cli(string berth, int runs, string[] args)
    {
        var times = new List<double>();
        for (var i = 0; i < runs + 2; i++)
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo(berth, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await process.WaitForExitAsync();
            if (i >= 2) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
