using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Berth.Native.Storage;

/// <summary>
/// sha256 content digests in their <c>sha256:&lt;64 lowercase hex&gt;</c> form, the only algorithm
/// berth stores (image ids, DiffIDs, ChainIDs, blob names).
/// </summary>
public static partial class Digests
{
    public const string Prefix = "sha256:";

    public static string Sha256(ReadOnlySpan<byte> data) => Prefix + Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    /// <summary>The sha256 digest of a file's content.</summary>
    public static async Task<string> Sha256FileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Prefix + Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Whether <paramref name="digest"/> is exactly <c>sha256:</c> plus 64 lowercase hex digits.</summary>
    public static bool IsSha256(string? digest) => digest is not null && Sha256Pattern().IsMatch(digest);

    /// <summary>The 64 hex digits of a sha256 digest; throws for anything else.</summary>
    public static string Hex(string digest) => IsSha256(digest)
        ? digest[Prefix.Length..]
        : throw new StorageException(StorageErrorKind.InvalidParameter, $"invalid sha256 digest \"{digest}\"");

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
