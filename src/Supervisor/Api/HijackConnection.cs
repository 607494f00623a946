using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Berth.Supervisor.Api;

/// <summary>The request line, query and length of a hijack request taken off the raw connection.</summary>
internal sealed record HijackRequestHead(string Path, Dictionary<string, StringValues> Query, int ContentLength);

/// <summary>
/// Kestrel connection middleware: a connection whose first request is an upgrade (<c>Upgrade: tcp</c>)
/// to attach or exec start is served here, by hand; every other connection goes on to Kestrel's HTTP
/// untouched (the bytes looked at are left unread).
/// </summary>
internal static class HijackConnection
{
    private const int MaxHead = 32 * 1024;

    public static void Use(ListenOptions listen)
    {
        var services = listen.ApplicationServices;
        listen.Use(next => connection => HandleAsync(connection, next, services));
    }

    private static async Task HandleAsync(ConnectionContext connection, ConnectionDelegate next, IServiceProvider services)
    {
        var input = connection.Transport.Input;
        HijackRequestHead? head = null;
        while (true)
        {
            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            var end = FindHeadEnd(buffer);
            if (end is null && !result.IsCompleted && buffer.Length < MaxHead)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            if (end is { } length && Parse(Encoding.ASCII.GetString(buffer.Slice(0, length))) is { } parsed)
            {
                head = parsed;
                input.AdvanceTo(buffer.GetPosition(length));
            }
            else
            {
                // Not ours: Kestrel reads the same bytes again.
                input.AdvanceTo(buffer.Start);
            }
            break;
        }
        if (head is null)
        {
            await next(connection);
            return;
        }
        try
        {
            await HijackRoutes.DispatchAsync(new RawHijackExchange(connection, head, services), head.Path);
        }
        catch (Exception error) when (error is IOException or ConnectionResetException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away mid-stream.
        }
        catch (Exception error)
        {
            Serilog.Log.Error(error, "hijacked {Path} failed", head.Path);
        }
        await connection.Transport.Output.CompleteAsync();
        await connection.Transport.Input.CompleteAsync();
    }

    private static long? FindHeadEnd(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8, advancePastDelimiter: true) ? reader.Consumed : null;
    }

    /// <summary>The head when it is a POST upgrade to a hijack route; null for anything else.</summary>
    internal static HijackRequestHead? Parse(string text)
    {
        var lines = text.Split("\r\n");
        var request = lines[0].Split(' ');
        if (request is not ["POST", var target, _]) return null;
        string? upgrade = null;
        var length = 0;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)) upgrade = value;
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !int.TryParse(value, out length)) return null;
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) return null;
        }
        if (upgrade is null || !upgrade.Contains("tcp", StringComparison.OrdinalIgnoreCase) || length is < 0 or > 1 << 20) return null;
        var q = target.IndexOf('?');
        var query = q >= 0 ? target[(q + 1)..] : "";
        var path = StripVersion(Uri.UnescapeDataString(q >= 0 ? target[..q] : target));
        return path is not null && HijackRoutes.Matches(path) ? new HijackRequestHead(path, QueryHelpers.ParseQuery(query), length) : null;
    }

    /// <summary>The path without a supported <c>/vX.Y</c> prefix; null for a version outside the range (Kestrel then answers it).</summary>
    private static string? StripVersion(string path)
    {
        if (path.Length <= 2 || path[1] != 'v' || !char.IsAsciiDigit(path[2])) return path;
        var end = path.IndexOf('/', 1);
        if (end < 0 || !Version.TryParse(path[2..end], out var version)) return null;
        return version >= Version.Parse(ApiVersionPrefix.Minimum) && version <= Version.Parse(ApiVersionPrefix.Current) ? path[end..] : null;
    }
}
