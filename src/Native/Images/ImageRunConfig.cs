using System.Text.Json.Serialization;

namespace Berth.Native.Images;

/// <summary>
/// The defaults an image gives its containers (the <c>config</c> object of an image config, in
/// Docker's field names): merged under the user's config at create time. Null means "not set",
/// which the merge rules tell apart from empty (an empty Entrypoint clears the image's).
/// Port and volume sets, written as JSON objects (<c>{"8080/tcp":{}}</c>), read as lists.
/// </summary>
public sealed record ImageRunConfig
{
    public string? User { get; init; }

    [JsonConverter(typeof(StringSetJsonConverter))]
    public IReadOnlyList<string>? ExposedPorts { get; init; }

    public IReadOnlyList<string>? Env { get; init; }

    [JsonConverter(typeof(StringSliceJsonConverter))]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    [JsonConverter(typeof(StringSliceJsonConverter))]
    public IReadOnlyList<string>? Cmd { get; init; }

    [JsonConverter(typeof(StringSetJsonConverter))]
    public IReadOnlyList<string>? Volumes { get; init; }

    public string? WorkingDir { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public string? StopSignal { get; init; }
    public int? StopTimeout { get; init; }
    public ImageHealthcheck? Healthcheck { get; init; }
    public IReadOnlyList<string>? OnBuild { get; init; }

    [JsonConverter(typeof(StringSliceJsonConverter))]
    public IReadOnlyList<string>? Shell { get; init; }

    public bool? ArgsEscaped { get; init; }
}
