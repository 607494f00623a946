using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Supervisor.Api.Models;

/// <summary>
/// Source-generated JSON metadata of every wire type, so the client path needs no reflection and can
/// publish Native AOT. Docker's names are PascalCase; unknown fields are ignored.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ApiContainerConfig))]
[JsonSerializable(typeof(ApiHealthConfig))]
[JsonSerializable(typeof(ApiHealth))]
[JsonSerializable(typeof(ApiCreateExtras))]
[JsonSerializable(typeof(ApiCreateResponse))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ApiWaitResponse))]
[JsonSerializable(typeof(ApiContainerInspect))]
[JsonSerializable(typeof(List<ApiContainerSummary>))]
[JsonSerializable(typeof(ApiVersionInfo))]
[JsonSerializable(typeof(ApiInfo))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<ApiImageSummary>))]
[JsonSerializable(typeof(ApiImageInspect))]
[JsonSerializable(typeof(ApiProgress))]
[JsonSerializable(typeof(List<ApiImageDeleteItem>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(ApiHostConfig))]
[JsonSerializable(typeof(ApiUpdateConfig))]
[JsonSerializable(typeof(ApiWarnings))]
[JsonSerializable(typeof(ApiVolume))]
[JsonSerializable(typeof(ApiVolumeList))]
[JsonSerializable(typeof(ApiVolumeCreate))]
[JsonSerializable(typeof(ApiVolumePrune))]
[JsonSerializable(typeof(List<ApiVolume>))]
[JsonSerializable(typeof(ApiTop))]
[JsonSerializable(typeof(List<ApiChange>))]
[JsonSerializable(typeof(ApiPathStat))]
[JsonSerializable(typeof(ApiContainerPrune))]
[JsonSerializable(typeof(ApiImagePrune))]
[JsonSerializable(typeof(List<ApiHistoryItem>))]
[JsonSerializable(typeof(ApiSystemDf))]
[JsonSerializable(typeof(ApiStats))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
[JsonSerializable(typeof(ApiNetwork))]
[JsonSerializable(typeof(List<ApiNetwork>))]
[JsonSerializable(typeof(ApiNetworkCreate))]
[JsonSerializable(typeof(ApiNetworkCreateResponse))]
[JsonSerializable(typeof(ApiNetworkConnect))]
[JsonSerializable(typeof(ApiNetworkDisconnect))]
[JsonSerializable(typeof(ApiNetworkingConfig))]
[JsonSerializable(typeof(ApiNetworksPruned))]
public sealed partial class ApiJson : JsonSerializerContext;
