using System.Text.RegularExpressions;

namespace Berth.Actors.Registry;

/// <summary>
/// Docker's rules for user-supplied container names: an ASCII letter or digit followed by one or
/// more letters, digits, '_', '.' or '-', optionally preceded by a single '/'.
/// </summary>
/// <remarks>
/// Invariant: <see cref="IsValid"/> accepts exactly the strings Docker's
/// <c>^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$</c> (Go RE2 semantics) accepts, so names that work against
/// Docker work here and vice versa.
/// </remarks>
internal static partial class ContainerNameRules
{
    /// <summary>The name pattern without anchors or the optional leading '/'.</summary>
    public const string ValidPattern = "[a-zA-Z0-9][a-zA-Z0-9_.-]+";

    /// <summary>
    /// The character-class text Docker quotes in its error message. Docker prints the classes
    /// without the trailing '+', and clients may match on the message, so we print the same.
    /// </summary>
    public const string ValidChars = "[a-zA-Z0-9][a-zA-Z0-9_.-]";

    /// <summary>True when <paramref name="name"/> is an acceptable container name.</summary>
    public static bool IsValid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NamePattern().IsMatch(name);
    }

    /// <summary>Strips one leading '/', the form Docker uses when it stores names.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith('/') ? name[1..] : name;
    }

    /// <summary>Docker's wording for a rejected name, with the name echoed as the user gave it.</summary>
    public static string InvalidMessage(string name) =>
        $"Invalid container name ({name}), only {ValidChars} are allowed";

    // \z rather than $: .NET's $ also matches before a trailing '\n', Go's does not, and a name
    // with a newline in it must be rejected as Docker rejects it.
    [GeneratedRegex("^/?" + ValidPattern + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
