using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Berth.Bench;

/// <summary>
/// `events` mode: live tail latency of <c>GET /events</c>. Starts its own <c>berth daemon</c> on temporary roots,
/// loads busybox, runs one container and follows its events on the socket while pausing and unpausing it
/// (each a journaled fact). The latency of one event is the time from the fact's own timestamp (taken just
/// before it is journaled, so the figure includes the fsync'd write) to the moment the client has read its
/// line; both clocks are the host's realtime clock.
///   dotnet run -c Release --project bench/Bench -- events [--events N] [--berth PATH]
/// </summary>
internal static class EventsBenchmark
{
    private const string Usage = "usage: Bench events [--events N] [--berth PATH]";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = 1000;
        var berth = DefaultBerth();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--events": count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--berth": berth = Next(); break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        if (berth is null || !File.Exists(berth))
        {
            Console.Error.WriteLine("berth binary not found (build src/Supervisor -c Release, or pass --berth PATH)");
            return 2;
        }
        var root = Path.Combine("/tmp", "bev" + Guid.NewGuid().ToString("N")[..8]);
        var socket = Path.Combine(root, "run", "berth.sock");
        Directory.CreateDirectory(Path.Combine(root, "images"));
        using var daemon = Process.Start(new ProcessStartInfo(berth,
            ["daemon", "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "run"), "-H", "unix://" + socket, "--log-level", "error"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _ = daemon.StandardOutput.ReadToEndAsync();
        _ = daemon.StandardError.ReadToEndAsync();
        string? id = null;
        using var http = Client(socket);
        try
        {
            await UntilUpAsync(http);
            await LoadBusyboxAsync(http, Path.Combine(root, "images"));
            id = await RunSleeperAsync(http);
            var latencies = await MeasureAsync(http, id, count);
            Report(latencies);
            return 0;
        }
        finally
        {
            if (id is not null) await http.DeleteAsync($"/containers/{id}?force=1");
            daemon.Kill();
            await daemon.WaitForExitAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<List<double>> MeasureAsync(HttpClient http, string id, int count)
    {
        var filters = Uri.EscapeDataString($"{{\"container\":{{\"{id}\":true}},\"event\":{{\"pause\":true,\"unpause\":true}}}}");
        using var response = await http.GetAsync($"/events?filters={filters}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var latencies = new List<double>(count);
        var reading = Task.Run(async () =>
        {
            while (latencies.Count < count && await reader.ReadLineAsync() is { } line)
            {
                var read = DateTimeOffset.UtcNow;
                var nanos = JsonDocument.Parse(line).RootElement.GetProperty("timeNano").GetInt64();
                latencies.Add((read - DateTimeOffset.UnixEpoch.AddTicks(nanos / 100)).TotalMilliseconds);
            }
        });
        // Let the subscription settle before the first transition.
        await Task.Delay(500);
        for (var i = 0; i < count; i++)
            (await http.PostAsync($"/containers/{id}/{(i % 2 == 0 ? "pause" : "unpause")}", null)).EnsureSuccessStatusCode();
        if (await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(30))) != reading)
            throw new TimeoutException($"only {latencies.Count} of {count} events arrived");
        return latencies;
    }

    private static void Report(List<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        Console.WriteLine($"events: {sorted.Count} live events (pause/unpause), fact time → line read by a client on the socket");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  p50 {P(0.5):F1} ms   p90 {P(0.9):F1} ms   p99 {P(0.99):F1} ms   max {sorted[^1]:F1} ms   (target p99 < 50 ms)"));
    }

    private static async Task UntilUpAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/_ping")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
            await Task.Delay(100);
        }
    }

    private static async Task LoadBusyboxAsync(HttpClient http, string directory)
    {
        var script = Path.Combine(RepoRoot(), "scripts", "make-test-images.sh");
        using var make = Process.Start(new ProcessStartInfo("bash", [script, directory]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await make.StandardOutput.ReadToEndAsync();
        await make.WaitForExitAsync();
        if (make.ExitCode != 0) throw new InvalidOperationException("make-test-images.sh failed: " + await make.StandardError.ReadToEndAsync());
        await using var archive = File.OpenRead(Path.Combine(directory, "busybox-docker.tar"));
        (await http.PostAsync("/images/load", new StreamContent(archive))).EnsureSuccessStatusCode();
    }

    private static async Task<string> RunSleeperAsync(HttpClient http)
    {
        var create = await http.PostAsync("/containers/create", new StringContent(
            """{"Image":"busybox","Cmd":["sleep","100000"],"HostConfig":{"NetworkMode":"none"}}""", Encoding.UTF8, "application/json"));
        create.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await create.Content.ReadAsStringAsync()).RootElement.GetProperty("Id").GetString()!;
        (await http.PostAsync($"/containers/{id}/start", null)).EnsureSuccessStatusCode();
        return id;
    }

    private static HttpClient Client(string socket) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancel) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancel);
            return new NetworkStream(s, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri("http://berth"), Timeout = Timeout.InfiniteTimeSpan };

    private static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "scripts", "make-test-images.sh"))) return dir.FullName;
        throw new InvalidOperationException("run the bench from inside the berth repository");
    }

    private static string? DefaultBerth()
    {
        try
        {
            var root = RepoRoot();
            return new[] { Path.Combine(root, "artifacts", "berth", "berth"), Path.Combine(root, "src", "Supervisor", "Cli", "bin", "Release", "net10.0", "berth") }
                .FirstOrDefault(File.Exists);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
