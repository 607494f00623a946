using System.Diagnostics;

namespace Berth.Torture;

/// <summary>
/// The gateway address the CNI bridge plugin puts on berth's bridge for the torture subnet. The run
/// takes it off again at the end if it was not there before (the plugin never removes it).
/// </summary>
internal sealed class BridgeAddress(string cidr)
{
    public async Task<bool> PresentAsync() => (await IpAsync("-o", "addr", "show", "dev", HostScan.Bridge)).Contains(" " + cidr + " ", StringComparison.Ordinal);

    public async Task RemoveAsync()
    {
        if (await PresentAsync()) await IpAsync("addr", "del", cidr, "dev", HostScan.Bridge);
    }

    private static async Task<string> IpAsync(params string[] args)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
