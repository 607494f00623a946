using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Berth.Native.Storage;

namespace Berth.Native.Images;

/// <summary>
/// An image reference as Docker parses it (<c>[domain/]path[:tag][@digest]</c>), kept in Docker's
/// familiar form: <c>docker.io/library/busybox</c> is <c>busybox</c>, <c>docker.io/foo/bar</c> is
/// <c>foo/bar</c>, other registries keep their domain. <see cref="Key"/> (<c>name:tag</c>, tag
/// defaulting to <c>latest</c>) is how tags are stored and shown in RepoTags.
/// </summary>
public sealed partial record ImageReference
{
    private const string DefaultDomain = "docker.io";

    private ImageReference(string name, string? tag, string? digest)
    {
        Name = name;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The repository in familiar form: <c>busybox</c>, <c>berth-test/app</c>, <c>quay.io/x/y</c>.</summary>
    public string Name { get; }

    /// <summary>The tag as written, or null.</summary>
    public string? Tag { get; }

    /// <summary>The digest as written (<c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary><c>name:tag</c> with the tag defaulted to <c>latest</c>: the store's tag key.</summary>
    public string Key => $"{Name}:{Tag ?? "latest"}";

    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses a reference; throws <see cref="StorageException"/> (InvalidParameter) with Docker's wording.</summary>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error)
            ? reference
            : throw new StorageException(StorageErrorKind.InvalidParameter, error);

    public static bool TryParse(string text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        error = $"invalid reference format: \"{text}\"";
        var rest = text;
        string? digest = null, tag = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest)) return false;
        }
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag)) return false;
        }
        if (rest.Length == 0) return false;
        if (AnchoredHex().IsMatch(rest))
        {
            error = $"invalid repository name ({rest}), cannot specify 64-byte hexadecimal strings";
            return false;
        }
        var slash = rest.IndexOf('/');
        var first = slash < 0 ? "" : rest[..slash];
        string domain, path;
        if (slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper)))
        {
            (domain, path) = (first, rest[(slash + 1)..]);
            if (!DomainPattern().IsMatch(domain)) return false;
        }
        else (domain, path) = (DefaultDomain, rest);
        if (domain == "index.docker.io") domain = DefaultDomain;
        if (path.Any(char.IsUpper))
        {
            error = $"invalid reference format: repository name ({path}) must be lowercase";
            return false;
        }
        if (path.Split('/').Any(component => !ComponentPattern().IsMatch(component))) return false;
        if (domain.Length + 1 + path.Length > 255)
        {
            error = "invalid reference format: repository name must not be more than 255 characters";
            return false;
        }
        var name = domain != DefaultDomain ? $"{domain}/{path}"
            : path.StartsWith("library/", StringComparison.Ordinal) && path.IndexOf('/', 8) < 0 ? path[8..]
            : path;
        reference = new ImageReference(name, tag, digest);
        error = null;
        return true;
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex AnchoredHex();
}
