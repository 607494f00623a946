namespace Berth.Torture;

/// <summary>
/// One client action of a burst: one or more `berth` invocations run in order (create then start),
/// and what it means for the checks afterwards.
/// </summary>
internal sealed record TortureCommand(string Verb, IReadOnlyList<string[]> Steps, string? Target = null);

/// <summary>Draws a random mix of client commands over the containers that exist and new ones.</summary>
internal sealed class CommandMix(Random random)
{
    private const string Image = "busybox";
    private const int MaxContainers = 24;
    private int _next;

    public TortureCommand Next(int round, IReadOnlyList<string> names)
    {
        var fresh = $"t{round}_{_next++}";
        // Keep the population bounded: past the cap removal is favoured.
        if (names.Count >= MaxContainers && random.Next(2) == 0) return RemoveOf(Pick(names));
        var choice = names.Count == 0 ? random.Next(4) : random.Next(13);
        return choice switch
        {
            0 => new("run-none", [["run", "-d", "--network", "none", "--name", fresh, Image, "sleep", "100000"]], fresh),
            1 => new("run-bridge", [["run", "-d", "--name", fresh, Image, "sleep", "100000"]], fresh),
            2 => new("run-rm", [["run", "--rm", "--network", "none", "--name", "rm" + fresh, Image, "true"]], "rm" + fresh),
            3 => new("create-start", [["create", "--network", random.Next(2) == 0 ? "none" : "bridge", "--name", fresh, Image, "sleep", "100000"], ["start", fresh]], fresh),
            4 => Simple("stop", ["stop", "-t", "1"], Pick(names)),
            5 => Simple("kill", ["kill"], Pick(names)),
            6 => Simple("restart", ["restart", "-t", "1"], Pick(names)),
            7 => Simple("pause", ["pause"], Pick(names)),
            8 => Simple("unpause", ["unpause"], Pick(names)),
            9 or 10 => RemoveOf(Pick(names)),
            11 => Simple("start", ["start"], Pick(names)),
            _ => Rename(Pick(names), fresh),
        };
    }

    private static TortureCommand Simple(string verb, string[] args, string name) => new(verb, [[.. args, name]], name);

    private static TortureCommand RemoveOf(string name) => new("rm-f", [["rm", "-f", name]], name);

    private static TortureCommand Rename(string name, string fresh) => new("rename", [["rename", name, "n" + fresh]], name);

    private string Pick(IReadOnlyList<string> names) => names[random.Next(names.Count)];
}
