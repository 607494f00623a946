namespace Berth.Actors.Lifecycle;

/// <summary>An event would move a container along a path the lifecycle table does not allow: a bug, never user input.</summary>
public sealed class InvalidTransitionException(ContainerStatus from, ContainerStatus to)
    : InvalidOperationException($"a container cannot move from {from} to {to}")
{
    public ContainerStatus From { get; } = from;
    public ContainerStatus To { get; } = to;
}
