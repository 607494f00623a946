using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Native.Network;

/// <summary>
/// One CNI network configuration list per network, <c>&lt;dataRoot&gt;/network/cni/&lt;name&gt;.conflist</c>:
/// readable by any CNI tool, and carrying berth's definition under the <c>berth</c> key so a sandbox
/// resolves a network by name, id or id prefix without asking the actor that owns it. Written
/// atomically; the Networks actor rewrites them all from its journal when it recovers.
/// </summary>
public sealed class NetworkConfigFiles(NetworkSettings settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Directory => settings.NetworkConfigDir;

    public void Write(BridgeNetwork network)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var conflist = new JsonObject
        {
            ["cniVersion"] = CniPluginConfigs.CniVersion,
            ["name"] = network.Name,
            ["plugins"] = new JsonArray(CniPluginConfigs.Bridge(network, settings.IpamDataDir), CniPluginConfigs.Portmap(network.Name, [])),
            ["berth"] = JsonSerializer.SerializeToNode(network, Json),
        };
        var path = PathOf(network.Name);
        File.WriteAllText(path + ".tmp", conflist.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public void Delete(string name)
    {
        if (!System.IO.Directory.Exists(Directory)) return;
        File.Delete(PathOf(name));
    }

    /// <summary>Every network written, the default one included.</summary>
    public IReadOnlyList<BridgeNetwork> ReadAll()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var networks = new List<BridgeNetwork>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.conflist"))
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(file))?["berth"]?.Deserialize<BridgeNetwork>(Json) is { } network) networks.Add(network);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                // Removed concurrently or damaged: such a network cannot be joined.
            }
        }
        return networks;
    }

    /// <summary>Docker's lookup order: exact name, full id, then a unique id prefix.</summary>
    public BridgeNetwork? Resolve(string reference)
    {
        var all = ReadAll();
        return all.FirstOrDefault(n => n.Name == reference)
               ?? all.FirstOrDefault(n => n.Id == reference)
               ?? (all.Where(n => n.Id.StartsWith(reference, StringComparison.Ordinal)).ToList() is [var single] ? single : null);
    }

    private string PathOf(string name)
    {
        if (name.Length == 0 || name.Contains('/') || name.StartsWith('.'))
            throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid network name \"{name}\"");
        return Path.Combine(Directory, name + ".conflist");
    }
}
