namespace Berth.Actors.Inspection;

/// <summary>docker top's answer: column titles and one row of cells per process.</summary>
public sealed record TopView(IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Processes);
