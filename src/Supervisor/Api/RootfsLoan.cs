using Berth.Actors;
using Berth.Actors.Containers;

namespace Berth.Supervisor.Api;

/// <summary>
/// A loan of a container's root file system for one request (docker cp, export): taken from the
/// container actor, always returned — even when the client goes away — so a stopped container's
/// temporary mount never outlives the request.
/// </summary>
internal sealed class RootfsLoan : IAsyncDisposable
{
    private readonly ActorGateway _gateway;
    private readonly RootfsAccess _access;

    private RootfsLoan(ActorGateway gateway, RootfsAccess access)
    {
        _gateway = gateway;
        _access = access;
    }

    public string Path => _access.Path;

    public string Id => _access.Id;

    /// <summary>Takes a loan, or answers the refusal and returns null.</summary>
    public static async Task<RootfsLoan?> TakeAsync(HttpContext http, string reference)
    {
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        var reply = await gateway.Container(reference, new AcquireRootfs(), http.RequestAborted);
        if (reply is RootfsAccess access) return new RootfsLoan(gateway, access);
        await ApiErrors.Refuse(http, reply);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_access.Leased) return;
        // Not the request's token: the loan is returned even when the client hung up.
        var reply = await _gateway.Container(_access.Id, new ReleaseRootfs(), CancellationToken.None);
        if (reply is Rejected rejected) Serilog.Log.Warning("returning the rootfs of {Id} failed: {Message}", _access.Id, rejected.Message);
    }
}
