using System.Collections.Immutable;
using Berth.Journal.Events;

namespace Berth.Actors.Registry;

/// <summary>
/// The registry's view (the seeds' ViewDB): live container ids and their unique names, rebuilt from
/// the registry's journal. Changed only by <see cref="Apply"/>.
/// </summary>
public sealed record RegistryState : IJournaled
{
    public static readonly RegistryState Empty = new();

    public ImmutableDictionary<string, string> NameById { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableDictionary<string, string> IdByName { get; init; } = ImmutableDictionary<string, string>.Empty;

    public RegistryState Apply(IRegistryEvent evt) => evt switch
    {
        NameReserved e => this with { NameById = NameById.SetItem(e.Id, e.Name), IdByName = IdByName.SetItem(e.Name, e.Id) },
        NameChanged e => this with { NameById = NameById.SetItem(e.Id, e.NewName), IdByName = IdByName.Remove(e.OldName).SetItem(e.NewName, e.Id) },
        NameReleased e => this with { NameById = NameById.Remove(e.Id), IdByName = IdByName.Remove(e.Name) },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt.GetType().Name, "an event the registry does not know"),
    };

    /// <summary>Docker's lookup order: full id, then exact name (with or without '/'), then a unique id prefix.</summary>
    public Lookup Find(string reference)
    {
        if (string.IsNullOrEmpty(reference)) return new Lookup.Missing();
        if (NameById.ContainsKey(reference)) return new Lookup.Found(reference);
        if (IdByName.TryGetValue(ContainerNameRules.Normalize(reference), out var byName)) return new Lookup.Found(byName);
        string? match = null;
        foreach (var id in NameById.Keys)
        {
            if (!id.StartsWith(reference, StringComparison.Ordinal)) continue;
            if (match is not null) return new Lookup.Ambiguous();
            match = id;
        }
        return match is null ? new Lookup.Missing() : new Lookup.Found(match);
    }

    /// <summary>The outcome of <see cref="Find"/>.</summary>
    public abstract record Lookup
    {
        private Lookup() { }
        public sealed record Found(string Id) : Lookup;
        public sealed record Missing : Lookup;
        public sealed record Ambiguous : Lookup;
    }
}
