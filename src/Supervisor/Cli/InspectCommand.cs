using System.Text.Json;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth inspect</c>: a JSON array of containers, or <c>--format</c> per container.</summary>
internal static class InspectCommand
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var a = CliArgs.Parse(args, ["--format|-f", "--type"], ["--size|-s"]);
        if (a.Positional.Count == 0) throw new CliException("\"inspect\" requires at least 1 argument");
        var found = new List<JsonElement>();
        var failed = false;
        foreach (var reference in a.Positional)
        {
            try
            {
                found.Add(await client.GetJsonAsync($"/containers/{ApiClient.Query(reference)}/json", ApiJson.Default.JsonElement));
            }
            catch (ApiException error) when (error.Status == 404)
            {
                failed = true;
                await errors.WriteLineAsync($"Error: No such object: {reference}");
            }
        }
        if (a.Value("--format") is { } format)
            foreach (var item in found) await output.WriteLineAsync(GoTemplate.Render(format, item));
        else
            await output.WriteLineAsync(Pretty(found));
        return failed ? 1 : 0;
    }

    private static string Pretty(List<JsonElement> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartArray();
            foreach (var item in items) item.WriteTo(writer);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
