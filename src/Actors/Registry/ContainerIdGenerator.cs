using System.Security.Cryptography;

namespace Berth.Actors.Registry;

/// <summary>
/// Mints container ids the way Docker's <c>stringid.GenerateRandomID</c> does: 32 random bytes
/// rendered as 64 lowercase hex characters.
/// </summary>
/// <remarks>
/// Invariants: every id returned by <see cref="NewId"/> satisfies <see cref="IsFullId"/>, and its
/// <see cref="ShortId"/> always contains at least one letter. An all-digit short id would parse as a
/// number (and is rejected as a hostname), so such draws are discarded and redrawn.
/// </remarks>
internal sealed class ContainerIdGenerator
{
    /// <summary>Length of a full container id in hex characters.</summary>
    internal const int FullIdLength = 64;

    /// <summary>Length of the short id users see in listings.</summary>
    internal const int ShortIdLength = 12;

    private const int RandomByteCount = FullIdLength / 2;

    private readonly Action<Span<byte>> _fill;

    /// <summary>Creates a generator backed by the operating system's cryptographic RNG.</summary>
    public ContainerIdGenerator()
        : this(RandomNumberGenerator.Fill)
    {
    }

    /// <summary>Creates a generator over an arbitrary byte source, so tests can script the draws.</summary>
    internal ContainerIdGenerator(Action<Span<byte>> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        _fill = fill;
    }

    /// <summary>Returns a fresh 64-character lowercase hex id whose short prefix is not all digits.</summary>
    public string NewId()
    {
        Span<byte> bytes = stackalloc byte[RandomByteCount];
        while (true)
        {
            _fill(bytes);
            var id = Convert.ToHexStringLower(bytes);
            if (!IsAllDecimalDigits(id.AsSpan(0, ShortIdLength)))
            {
                return id;
            }
        }
    }

    /// <summary>Returns the first 12 characters of <paramref name="id"/>, or all of it when shorter.</summary>
    public static string ShortId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length <= ShortIdLength ? id : id[..ShortIdLength];
    }

    /// <summary>True when <paramref name="s"/> is exactly 64 lowercase hex characters.</summary>
    public static bool IsFullId(string? s)
    {
        if (s is null || s.Length != FullIdLength)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllDecimalDigits(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
