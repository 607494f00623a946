namespace Berth.Actors.Containers;

/// <summary>
/// The journaled part of a container's health: its status and failing streak as of the last
/// <see cref="Journal.Events.HealthStatusChanged"/> (or the start/exit that reset it). The probe log lives in memory.
/// </summary>
public sealed record ContainerHealth(string Status, int FailingStreak);
