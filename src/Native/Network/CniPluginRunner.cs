using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Native.Network;

/// <summary>
/// Executes one CNI plugin binary per the CNI execution protocol: parameters in CNI_* environment
/// variables, the request configuration as JSON on stdin, the result (or an error object) as JSON
/// on stdout, exit code 0 for success. Holds no state; a failure is a <see cref="CniException"/>.
/// </summary>
public sealed class CniPluginRunner(string pluginPath, TimeSpan timeout)
{
    /// <summary>Plugins exec iptables, ip6tables, modprobe… by PATH; a daemon's PATH may lack sbin.</summary>
    private const string FallbackPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// Runs the plugin named by <c>config["type"]</c>. Returns the plugin's result (null when it
    /// printed nothing, as DEL usually does).
    /// </summary>
    public async Task<JsonNode?> ExecAsync(CniCommand command, CniAttachmentArgs args, JsonObject config, CancellationToken cancellationToken)
    {
        var type = config["type"]?.GetValue<string>() ?? throw new NetworkException(NetworkErrorKind.InvalidParameter, "CNI plugin configuration without \"type\"");
        var verb = command.ToString().ToUpperInvariant();
        var binary = FindPlugin(type);
        using var process = new Process { StartInfo = StartInfo(binary, verb, args) };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CniException(type, verb, 999, $"could not start {binary}", e.Message);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await WriteConfigAsync(process, config, deadline.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return Interpret(type, verb, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new CniException(type, verb, 11, $"timed out after {timeout.TotalSeconds:0}s");
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    /// <summary>Finds <paramref name="type"/> in the CNI_PATH directories.</summary>
    public string FindPlugin(string type)
    {
        if (type.Contains('/') || type is "." or "..")
            throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid CNI plugin type \"{type}\"");
        foreach (var dir in pluginPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, type);
            if (File.Exists(candidate)) return candidate;
        }
        throw new NetworkException(NetworkErrorKind.Internal, $"CNI plugin \"{type}\" not found in {pluginPath}");
    }

    private static async Task WriteConfigAsync(Process process, JsonObject config, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteAsync(config.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The plugin exited before reading all of stdin (it failed early): its output explains.
        }
    }

    private ProcessStartInfo StartInfo(string binary, string verb, CniAttachmentArgs args)
    {
        var info = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // Nothing of the daemon's own CNI_* environment may leak into an invocation.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["CNI_COMMAND"] = verb;
        info.Environment["CNI_CONTAINERID"] = args.ContainerId;
        info.Environment["CNI_NETNS"] = args.NetnsPath ?? "";
        info.Environment["CNI_IFNAME"] = args.IfName;
        info.Environment["CNI_PATH"] = pluginPath;
        info.Environment.TryGetValue("PATH", out var path);
        info.Environment["PATH"] = string.IsNullOrEmpty(path) ? FallbackPath : path + ":" + FallbackPath;
        return info;
    }

    private static JsonNode? Interpret(string type, string verb, int exitCode, string stdout, string stderr)
    {
        JsonNode? output = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(stdout)) output = JsonNode.Parse(stdout);
        }
        catch (JsonException) when (exitCode != 0)
        {
            // A failing plugin that printed no JSON: its stdout and stderr are the explanation.
        }
        catch (JsonException e)
        {
            throw new CniException(type, verb, 6, "result is not JSON", e.Message + ": " + Truncate(stdout), stderr);
        }
        if (exitCode == 0) return output;
        if (output is JsonObject error && error["code"] is JsonValue code)
            return Fail(type, verb, code.GetValue<int>(), error["msg"]?.GetValue<string>() ?? "", error["details"]?.GetValue<string>() ?? "", stderr);
        var text = (stdout + "\n" + stderr).Trim();
        return Fail(type, verb, exitCode, text.Length == 0 ? $"exited with {exitCode}" : Truncate(text), "", stderr);
    }

    private static JsonNode Fail(string type, string verb, int code, string msg, string details, string stderr) =>
        throw new CniException(type, verb, code, msg, details, stderr);

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
