using System.Formats.Tar;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth cp</c>: <c>CONTAINER:SRC DEST|-</c> or <c>SRC|- CONTAINER:DEST</c>, docker's semantics — into an
/// existing directory the copy keeps its name, to a new path it takes that name; "-" is a tar on stdin/stdout.
/// </summary>
internal static class CpCommand
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, Stream stdin, Stream stdout)
    {
        var parsed = CliArgs.Parse(args, [], ["--archive|-a", "--follow-link|-L", "--quiet|-q"]);
        if (parsed.Positional.Count != 2) throw new CliException("\"cp\" requires exactly 2 arguments");
        var (src, dest) = (parsed.Positional[0], parsed.Positional[1]);
        if (Split(src) is { } from && Split(dest) is null) return await FromContainer(client, from.Container, from.Path, dest, stdout);
        if (Split(dest) is { } to && Split(src) is null) return await ToContainer(client, src, to.Container, to.Path, parsed.Has("--archive"), stdin);
        throw new CliException("copying between containers is not supported; one of the paths must be local and the other CONTAINER:PATH");
    }

    /// <summary>"name:path" → the parts; a local path (absolute, relative with ./, or without a colon) → null.</summary>
    private static (string Container, string Path)? Split(string arg)
    {
        if (arg == "-" || arg.StartsWith('/') || arg.StartsWith('.')) return null;
        var colon = arg.IndexOf(':');
        return colon > 0 ? (arg[..colon], arg[(colon + 1)..] is { Length: > 0 } p ? p : "/") : null;
    }

    private static async Task<int> FromContainer(ApiClient client, string container, string path, string dest, Stream stdout)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"/containers/{ApiClient.Query(container)}/archive?path={ApiClient.Query(path)}");
        await using var tar = await response.Content.ReadAsStreamAsync();
        if (dest == "-") { await tar.CopyToAsync(stdout); return 0; }
        var stat = PathStatHeader.Decode(response.Headers.TryGetValues(PathStatHeader.Name, out var v) ? v.FirstOrDefault() : null);
        var name = stat?.Name ?? Path.GetFileName(path.TrimEnd('/'));
        // Into an existing directory: keep the name. Otherwise the copy is named dest.
        var (directory, rename) = Directory.Exists(dest) ? (dest, (string?)null) : (Path.GetDirectoryName(Path.GetFullPath(dest))!, Path.GetFileName(dest));
        if (!Directory.Exists(directory)) throw new CliException($"no such directory: {directory}");
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            var entryName = entry.Name;
            if (rename is not null && (entryName == name || entryName.StartsWith(name + "/", StringComparison.Ordinal)))
                entryName = rename + entryName[name.Length..];
            var target = Path.GetFullPath(Path.Join(directory, entryName));
            if (!target.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal)) throw new CliException($"invalid entry {entry.Name}");
            switch (entry.EntryType)
            {
                case TarEntryType.Directory: Directory.CreateDirectory(target); break;
                case TarEntryType.SymbolicLink: File.Delete(target); File.CreateSymbolicLink(target, entry.LinkName); break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await entry.ExtractToFileAsync(target, overwrite: true);
                    break;
                case TarEntryType.HardLink:
                    File.Copy(Path.Join(directory, rename is not null && entry.LinkName.StartsWith(name, StringComparison.Ordinal)
                        ? rename + entry.LinkName[name.Length..] : entry.LinkName), target, overwrite: true);
                    break;
            }
        }
        return 0;
    }

    private static async Task<int> ToContainer(ApiClient client, string src, string container, string path, bool archive, Stream stdin)
    {
        var query = $"/containers/{ApiClient.Query(container)}/archive?noOverwriteDirNonDir=true{(archive ? "&copyUIDGID=true" : "")}&path=";
        if (src == "-")
        {
            using var content = new StreamContent(stdin);
            using var _ = await client.SendAsync(HttpMethod.Put, query + ApiClient.Query(path), content);
            return 0;
        }
        var local = Path.GetFullPath(src);
        if (!File.Exists(local) && !Directory.Exists(local)) throw new CliException($"lstat {local}: no such file or directory");
        // An existing directory receives the copy under its own name; any other path names the copy.
        string directory, name;
        try
        {
            using var head = await client.SendAsync(HttpMethod.Head, $"/containers/{ApiClient.Query(container)}/archive?path={ApiClient.Query(path)}");
            var stat = PathStatHeader.Decode(head.Headers.TryGetValues(PathStatHeader.Name, out var v) ? v.FirstOrDefault() : null);
            (directory, name) = stat?.IsDirectory == true ? (path, Path.GetFileName(local)) : (Parent(path), Path.GetFileName(path.TrimEnd('/')));
        }
        catch (ApiException e) when (e.Status == 404)
        {
            (directory, name) = (Parent(path), Path.GetFileName(path.TrimEnd('/')));
        }
        var buffer = new MemoryStream();
        await using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            await AddAsync(writer, local, name);
        buffer.Position = 0;
        using var body = new StreamContent(buffer);
        using var __ = await client.SendAsync(HttpMethod.Put, query + ApiClient.Query(directory), body);
        return 0;
    }

    private static async Task AddAsync(TarWriter writer, string local, string name)
    {
        await writer.WriteEntryAsync(local, name);
        if (!Directory.Exists(local) || new FileInfo(local).LinkTarget is not null) return;
        foreach (var child in Directory.EnumerateFileSystemEntries(local).Order(StringComparer.Ordinal))
            await AddAsync(writer, child, name + "/" + Path.GetFileName(child));
    }

    private static string Parent(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash <= 0 ? "/" : trimmed[..slash];
    }
}
