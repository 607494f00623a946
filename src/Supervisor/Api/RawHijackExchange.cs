using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Berth.Supervisor.Api.Models;
using Microsoft.AspNetCore.Connections;

namespace Berth.Supervisor.Api;

/// <summary>
/// A hijack request read off the raw connection (<see cref="HijackConnection"/>): the answer is
/// written by hand — <c>101 UPGRADED</c>, <c>Connection: Upgrade</c>, <c>Upgrade: tcp</c> as dockerd
/// writes it — and the connection's two directions then carry the stream, each closing on its own.
/// </summary>
internal sealed class RawHijackExchange(ConnectionContext connection, HijackRequestHead head, IServiceProvider services) : IHijackExchange
{
    public IServiceProvider Services => services;

    public CancellationToken Aborted => CancellationToken.None;

    public string? Query(string name) => head.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public async Task<ReadOnlyMemory<byte>> ReadBodyAsync()
    {
        var body = new byte[head.ContentLength];
        var read = 0;
        var input = connection.Transport.Input;
        while (read < body.Length)
        {
            var result = await input.ReadAsync();
            var take = (int)Math.Min(result.Buffer.Length, body.Length - read);
            result.Buffer.Slice(0, take).CopyTo(body.AsSpan(read));
            read += take;
            input.AdvanceTo(result.Buffer.GetPosition(take));
            if (result.IsCompleted && read < body.Length) break;
        }
        return body.AsMemory(0, read);
    }

    public Task ErrorAsync(int status, string message)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new ApiError(message), ApiJson.Default.ApiError);
        return WriteHeadAsync($"HTTP/1.1 {status} {ReasonPhrase(status)}\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\n{CommonHeaders}Connection: close\r\n\r\n", json);
    }

    public Task EmptyAsync(int status) =>
        WriteHeadAsync($"HTTP/1.1 {status} {ReasonPhrase(status)}\r\nContent-Length: 0\r\n{CommonHeaders}Connection: close\r\n\r\n", default);

    public async Task<Hijack> HijackAsync(string contentType)
    {
        await WriteHeadAsync($"HTTP/1.1 101 UPGRADED\r\nContent-Type: {contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n{CommonHeaders}\r\n", default);
        return Hijack.Raw(connection.Transport.Input.AsStream(leaveOpen: true), connection.Transport.Output.AsStream(leaveOpen: true));
    }

    private static string CommonHeaders => $"Api-Version: {ApiVersionPrefix.Current}\r\nServer: berth/{BerthVersion.Version} (linux)\r\nOSType: linux\r\n";

    private async Task WriteHeadAsync(string head, ReadOnlyMemory<byte> body)
    {
        var output = connection.Transport.Output;
        await output.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (!body.IsEmpty) await output.WriteAsync(body);
        await output.FlushAsync();
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Status";
}
