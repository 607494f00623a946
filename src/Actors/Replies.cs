namespace Berth.Actors;

// Replies the actor tree sends to whoever asked (the API, a test). Expected refusals are values,
// never exceptions.

/// <summary>A refused or failed request with the message a Docker user would read.</summary>
public sealed record Rejected(ErrorKind Kind, string Message);

/// <summary>The request was carried out on the container with this id.</summary>
public sealed record Done(string Id);
