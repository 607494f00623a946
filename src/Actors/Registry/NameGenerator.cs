namespace Berth.Actors.Registry;

/// <summary>
/// Produces Docker-style random container names of the form <c>adjective_surname</c>, following
/// the behaviour of Docker's <c>namesgenerator.GetRandomName</c>.
/// </summary>
/// <remarks>
/// Invariants: a name is one entry of <see cref="NameWords.Adjectives"/>, an underscore and one
/// entry of <see cref="NameWords.Surnames"/>, followed by a single digit only when the caller is
/// retrying after a collision; <c>boring_wozniak</c> is never produced. Not thread-safe unless the
/// supplied <see cref="Random"/> is (as <see cref="Random.Shared"/> is).
/// </remarks>
internal sealed class NameGenerator
{
    /// <summary>The one combination Docker refuses to hand out: Steve Wozniak is not boring.</summary>
    internal const string ExcludedName = "boring_wozniak";

    private readonly Random _random;

    /// <summary>Creates a generator over <paramref name="random"/>; production passes <see cref="Random.Shared"/>.</summary>
    public NameGenerator(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>
    /// Returns a random name. When <paramref name="retry"/> is positive the caller has already
    /// collided with an existing name, so a random digit is appended to widen the space.
    /// </summary>
    public string Generate(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retry);

        string name;
        do
        {
            var adjective = NameWords.Adjectives[_random.Next(NameWords.Adjectives.Length)];
            var surname = NameWords.Surnames[_random.Next(NameWords.Surnames.Length)];
            name = adjective + "_" + surname;
        }
        while (name == ExcludedName);

        return retry > 0 ? name + _random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture) : name;
    }
}
