using System.Collections.Immutable;

namespace Berth.Actors.Registry;

/// <summary>
/// Word lists for <see cref="NameGenerator"/>: friendly adjectives and the surnames of notable
/// scientists, engineers, mathematicians and computing pioneers.
/// </summary>
/// <remarks>
/// Invariants: every entry is a non-empty run of ASCII lowercase letters, with no duplicates
/// within a list, so every generated name is a valid container name. "boring" and "wozniak" are
/// both present so that <see cref="NameGenerator.ExcludedName"/> is a real exclusion. Entries are
/// kept alphabetical so duplicates are easy to spot in review.
/// </remarks>
internal static class NameWords
{
    /// <summary>Positive or neutral single-word adjectives.</summary>
    public static readonly ImmutableArray<string> Adjectives =
    [
        "able", "agile", "airy", "amber", "ample", "astute", "balmy", "blithe", "bold", "boring",
        "bouncy", "breezy", "bright", "brisk", "bubbly", "calm", "candid", "careful", "cheery", "civil",
        "clever", "cosmic", "cozy", "crisp", "curious", "dapper", "daring", "deft", "devoted", "diligent",
        "eager", "earnest", "easy", "elated", "elegant", "epic", "even", "fair", "fearless", "fond",
        "frank", "fresh", "friendly", "frosty", "gentle", "genuine", "giddy", "glad", "gleaming", "golden",
        "graceful", "grand", "grateful", "hardy", "hearty", "helpful", "honest", "humble", "jolly", "jovial",
        "joyful", "keen", "kind", "lively", "loyal", "lucid", "lucky", "majestic", "mellow", "merry",
        "mighty", "mindful", "modest", "nimble", "noble", "orderly", "patient", "peaceful", "placid", "playful",
        "plucky", "polite", "proud", "prudent", "quick", "quiet", "radiant", "rapid", "ready", "robust",
        "rosy", "rugged", "sage", "serene", "sharp", "shiny", "silent", "sincere", "sleek", "smooth",
        "snappy", "spry", "steady", "sturdy", "sunny", "swift", "tender", "thrifty", "tidy", "tranquil",
        "trusty", "upbeat", "valiant", "vivid", "warm", "wise", "witty", "zany", "zealous", "zesty",
    ];

    /// <summary>Surnames of notable scientists, engineers, mathematicians and computing pioneers.</summary>
    public static readonly ImmutableArray<string> Surnames =
    [
        "abel", "adleman", "aiken", "alhazen", "amdahl", "ampere", "archimedes", "atanasoff", "babbage", "backus",
        "banach", "bardeen", "bartik", "bell", "bellman", "bernoulli", "bohr", "boole", "bose", "boyle",
        "brahe", "cantor", "carson", "cauchy", "cerf", "chadwick", "chandrasekhar", "chebyshev", "church", "conway",
        "copernicus", "cray", "crick", "curie", "dalton", "dantzig", "darwin", "dedekind", "descartes", "diffie",
        "dijkstra", "dirac", "doppler", "easley", "eckert", "edison", "einstein", "elion", "engelbart", "erdos",
        "euclid", "euler", "faraday", "fermat", "fermi", "feynman", "fibonacci", "fleming", "floyd", "fourier",
        "franklin", "frege", "fresnel", "galileo", "galois", "gauss", "germain", "goldberg", "goldwasser", "goodall",
        "hamilton", "hamming", "heisenberg", "hellman", "herschel", "hertz", "hilbert", "hoare", "hodgkin", "hollerith",
        "hooke", "hopper", "hubble", "huffman", "huygens", "hypatia", "iverson", "jacobi", "jacquard", "joule",
        "kahan", "karp", "kepler", "kernighan", "kilby", "kleene", "knuth", "kolmogorov", "kovalevskaya", "lagrange",
        "lamarr", "lamport", "laplace", "lavoisier", "leibniz", "liskov", "lovelace", "marconi", "markov", "mauchly",
        "maxwell", "mccarthy", "mcclintock", "meitner", "mendel", "mendeleev", "merkle", "micali", "milner", "minsky",
        "mirzakhani", "morse", "napier", "nash", "neumann", "newton", "noether", "noyce", "nyquist", "ohm",
        "pascal", "pasteur", "pauli", "perlis", "planck", "poincare", "postel", "ptolemy", "rabin", "raman",
        "ramanujan", "riemann", "ritchie", "rivest", "rutherford", "sagan", "saha", "sammet", "schrodinger", "shamir",
        "shannon", "somerville", "stroustrup", "sutherland", "tarjan", "tarski", "tesla", "thompson", "torvalds", "turing",
        "ulam", "vaughan", "volta", "watt", "wiener", "wiles", "wilkes", "wirth", "wozniak", "wu",
        "yalow", "zuse",
    ];
}
