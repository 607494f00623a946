using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Native.Tests.Images;

/// <summary>Writes small image archives (docker-archive, OCI layout) around given layer tars, for tests.</summary>
internal static class TestArchive
{
    public static string Sha(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    public static byte[] Config(params byte[][] layers) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["architecture"] = "amd64",
        ["os"] = "linux",
        ["config"] = new JsonObject { ["Cmd"] = new JsonArray("sh") },
        ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(layers.Select(l => (JsonNode)Sha(l)).ToArray()) },
    }.ToJsonString());

    /// <summary>A docker-archive; <paramref name="layerNames"/> default to <c>&lt;hex&gt;.tar</c>.</summary>
    public static byte[] Docker(byte[] config, string tag, byte[][] layers, string[]? layerNames = null)
    {
        var names = layerNames ?? layers.Select(l => Sha(l)[7..] + ".tar").ToArray();
        var files = new List<(string, byte[])> { ("cfg.json", config) };
        files.AddRange(names.Zip(layers).DistinctBy(p => p.First));
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = "cfg.json",
            ["RepoTags"] = new JsonArray(tag),
            ["Layers"] = new JsonArray(names.Select(n => (JsonNode)n).ToArray()),
        });
        files.Add(("manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString())));
        return Tar(files);
    }

    /// <summary>An OCI layout: the index, every blob under its digest, and blobs stored under a digest they do not match.</summary>
    public static byte[] Oci(JsonObject index, IEnumerable<byte[]> blobs, IEnumerable<(string Digest, byte[] Data)>? tampered = null)
    {
        var files = new List<(string, byte[])>
        {
            ("oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray()),
            ("index.json", Encoding.UTF8.GetBytes(index.ToJsonString())),
        };
        files.AddRange(blobs.Select(b => ("blobs/sha256/" + Sha(b)[7..], b)));
        files.AddRange((tampered ?? []).Select(t => ("blobs/sha256/" + t.Digest[7..], t.Data)));
        return Tar(files);
    }

    public static JsonObject Descriptor(string mediaType, byte[] blob, JsonObject? annotations = null, JsonObject? platform = null)
    {
        var descriptor = new JsonObject { ["mediaType"] = mediaType, ["digest"] = Sha(blob), ["size"] = blob.Length };
        if (annotations is not null) descriptor["annotations"] = annotations;
        if (platform is not null) descriptor["platform"] = platform;
        return descriptor;
    }

    public static byte[] Manifest(byte[] config, params byte[][] layers) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
        ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config),
        ["layers"] = new JsonArray(layers.Select(l => (JsonNode)Descriptor("application/vnd.oci.image.layer.v1.tar", l)).ToArray()),
    }.ToJsonString());

    public static byte[] Tar(IEnumerable<(string Name, byte[] Data)> files, IEnumerable<(string Name, string Target)>? symlinks = null)
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            foreach (var (name, target) in symlinks ?? [])
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
        }
        return buffer.ToArray();
    }
}
