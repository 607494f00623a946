namespace Berth.Journal.Events;

// Facts of the image store (PersistenceId "images", tag "image"), journaled after each change so
// the event stream can report Docker's image events (load, import, tag, untag, delete) from the
// journal, across daemon restarts. The store itself stays the authority on what images exist.

/// <summary>Marker for facts journaled by the image history actor.</summary>
public interface IImageEvent : IJournaled
{
    /// <summary>The image's id (<c>sha256:…</c>).</summary>
    string Id { get; }

    /// <summary>When the change happened.</summary>
    DateTimeOffset At { get; }
}

/// <summary>An image came in from a docker-archive or OCI tar, with the tags it was loaded under.</summary>
public sealed record ImageLoaded(string Id, IReadOnlyList<string> Tags, DateTimeOffset At) : IImageEvent;

/// <summary>A rootfs tar was imported as a one-layer image, tagged <c>Tag</c> when one was given.</summary>
public sealed record ImageImported(string Id, string? Tag, DateTimeOffset At) : IImageEvent;

/// <summary>The image now also answers to <c>Tag</c>.</summary>
public sealed record ImageTagged(string Id, string Tag, DateTimeOffset At) : IImageEvent;

/// <summary>The tag no longer names the image.</summary>
public sealed record ImageUntagged(string Id, string Tag, DateTimeOffset At) : IImageEvent;

/// <summary>The image and its unshared layers are gone.</summary>
public sealed record ImageDeleted(string Id, DateTimeOffset At) : IImageEvent;
