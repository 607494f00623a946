namespace Berth.Actors.Inspection;

/// <summary>A file access inside a container failed; <see cref="Kind"/> is the refusal class the API maps to a status.</summary>
public sealed class FileAccessException(ErrorKind kind, string message) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;
}
