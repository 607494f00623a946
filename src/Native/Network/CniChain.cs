using System.Text.Json.Nodes;

namespace Berth.Native.Network;

/// <summary>
/// Executes a network configuration's plugin list for one attachment (CNI spec §3): ADD in order,
/// each plugin after the first receiving the previous one's result as <c>prevResult</c>; DEL in
/// reverse order, each receiving the final ADD result when there is one.
/// </summary>
public sealed class CniChain(CniPluginRunner runner)
{
    /// <summary>Adds the attachment; returns the final result, which DEL will need.</summary>
    public async Task<JsonNode?> AddAsync(CniAttachment attachment, string containerId, string netnsPath, CancellationToken cancellationToken)
    {
        var args = new CniAttachmentArgs(containerId, netnsPath, attachment.IfName);
        JsonNode? previous = null;
        foreach (var plugin in attachment.Plugins)
            previous = await runner.ExecAsync(CniCommand.Add, args, Request(plugin, previous), cancellationToken).ConfigureAwait(false);
        return previous;
    }

    /// <summary>
    /// Deletes the attachment. <paramref name="netnsPath"/> null means the namespace is gone (CNI
    /// allows DEL without one: IPAM and host-side state are still released). Plugins accept repeated
    /// DELs and DELs of attachments never added, so this is idempotent.
    /// </summary>
    public async Task DelAsync(CniAttachment attachment, string containerId, string? netnsPath, CancellationToken cancellationToken)
    {
        var args = new CniAttachmentArgs(containerId, netnsPath, attachment.IfName);
        foreach (var plugin in attachment.Plugins.Reverse())
            await runner.ExecAsync(CniCommand.Del, args, Request(plugin, attachment.Result), cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Request(JsonNode? plugin, JsonNode? previousResult)
    {
        var request = plugin as JsonObject ?? throw new NetworkException(NetworkErrorKind.Internal, "a CNI plugin configuration must be a JSON object");
        var copy = (JsonObject)request.DeepClone();
        copy.Remove("prevResult");
        if (previousResult is not null) copy["prevResult"] = previousResult.DeepClone();
        return copy;
    }
}
