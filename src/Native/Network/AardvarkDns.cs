using System.Text;
using Berth.Native.Processes;

namespace Berth.Native.Network;

/// <summary>
/// Name resolution on user-defined networks through aardvark-dns (the DNS server Podman uses): one
/// configuration file per network in <see cref="NetworkSettings.AardvarkConfigDir"/> — the
/// gateway it listens on, then "id ipv4 ipv6 names" per container — and one aardvark process for
/// all of them, reloaded with SIGHUP. The files are derived from the sandbox records each time,
/// never edited piecemeal, so a crash leaves nothing to reconcile: the next sync writes the truth.
/// aardvark forwards every other name to the host's resolvers. It daemonizes and outlives berth,
/// as containers do; the last network leaving stops it.
/// </summary>
public sealed class AardvarkDns(NetworkSettings settings)
{
    private const string PidFile = "aardvark.pid";
    private const int SigHup = 1;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public string ConfigDir => settings.AardvarkConfigDir;

    /// <summary>Whether aardvark-dns is installed; without it DNS-enabled networks resolve nothing.</summary>
    public bool Available => File.Exists(settings.AardvarkPath);

    /// <summary>Rewrites every network's file from <paramref name="records"/> and reloads (or starts, or stops) aardvark.</summary>
    public async Task SyncAsync(IReadOnlyList<BridgeNetwork> networks, IReadOnlyList<SandboxRecord> records, CancellationToken cancellationToken)
    {
        if (!Available) return;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(ConfigDir);
            var wanted = new HashSet<string>();
            foreach (var network in networks.Where(n => n.Dns))
            {
                var content = Render(network, records);
                if (content is null) continue;
                wanted.Add(network.Name);
                var path = Path.Combine(ConfigDir, network.Name);
                await File.WriteAllTextAsync(path + ".tmp", content, cancellationToken).ConfigureAwait(false);
                File.Move(path + ".tmp", path, overwrite: true);
            }
            foreach (var stale in Directory.EnumerateFiles(ConfigDir).Where(f => Path.GetFileName(f) != PidFile && !wanted.Contains(Path.GetFileName(f))))
                File.Delete(stale);
            await ApplyAsync(wanted.Count > 0, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>aardvark's file for one network, or null when no container on it has an address.</summary>
    public static string? Render(BridgeNetwork network, IReadOnlyList<SandboxRecord> records)
    {
        var text = new StringBuilder(network.Gateway).Append('\n');
        var any = false;
        foreach (var record in records)
        {
            foreach (var attachment in record.Attachments.Where(a => a.Network == network.Name && a.DnsNames is { Count: > 0 }))
            {
                var endpoint = CniResult.ToEndpoint(network.Name, attachment.IfName, attachment.Result);
                if (endpoint.IPAddress is null) continue;
                text.Append(record.ContainerId).Append(' ').Append(endpoint.IPAddress).Append("  ")
                    .Append(string.Join(',', attachment.DnsNames!.Distinct())).Append('\n');
                any = true;
            }
        }
        return any ? text.ToString() : null;
    }

    private async Task ApplyAsync(bool wanted, CancellationToken cancellationToken)
    {
        var pid = RunningPid();
        if (wanted && pid is { } reload) { Kill(reload, SigHup); return; }
        if (!wanted)
        {
            if (pid is { } stop) Kill(stop, Signals.SIGTERM);
            File.Delete(Path.Combine(ConfigDir, PidFile));
            return;
        }
        // "run" forks the server and returns once it listens.
        await ProcessRunner.RunCheckedAsync(new ProcessStartSpec(settings.AardvarkPath, ["--config", ConfigDir, "-p", "53", "run"]), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The pid in the pid file when that process is still aardvark-dns (not a reused pid).</summary>
    private int? RunningPid()
    {
        var path = Path.Combine(ConfigDir, PidFile);
        if (!File.Exists(path) || !int.TryParse(File.ReadAllText(path).Trim(), out var pid)) return null;
        try
        {
            var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
            return comm.StartsWith("aardvark", StringComparison.Ordinal) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Kill(int pid, int signal) => Tmds.Linux.LibC.kill(pid, signal);
}
