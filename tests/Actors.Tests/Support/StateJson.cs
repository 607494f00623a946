using System.Text.Json;
using Berth.Actors.Containers;
using Berth.Journal.Serialization;

namespace Berth.Actors.Tests.Support;

/// <summary>
/// A container state as the journal would write it: the way to compare two states, since records
/// holding lists do not compare structurally.
/// </summary>
public static class StateJson
{
    public static string Of(ContainerState state) => JsonSerializer.Serialize(state, JournalJson.Options);

    public static IReadOnlyDictionary<string, string> Of(IEnumerable<ContainerState> states) =>
        states.ToDictionary(s => s.Id, Of);
}
