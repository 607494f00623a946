using System.Text.Json;

namespace Berth.Supervisor.Config;

/// <summary>
/// Builds <see cref="DaemonSettings"/> for <c>berth daemon</c> from four layers, each overriding the one
/// before: built-in defaults, <c>config/berth.json</c> next to the executable (if present), the file named
/// by <c>--config-file</c>, then command-line flags. Config files use dockerd's <c>daemon.json</c> key names
/// where dockerd has the setting, plus a few berth keys. Everything is validated here, so a settings
/// object that comes out obeys the invariants documented on <see cref="DaemonSettings"/>; anything
/// wrong becomes a <see cref="SettingsException"/> naming the flag, key or file.
/// Reads JSON through <see cref="JsonDocument"/> only, so nothing here needs reflection (Native AOT safe).
/// </summary>
internal static class DaemonSettingsLoader
{
    private static readonly string[] Runtimes = ["crun", "runc"];
    private static readonly string[] LogLevels = ["debug", "info", "warn", "error", "fatal"];

    private static readonly string[] KnownFileKeys =
    [
        "data-root", "exec-root", "hosts", "default-runtime", "log-level", "group",
        "log-dir", "snapshot-every", "restart-backoff-initial-ms", "restart-backoff-max-ms", "restart-reset-after-ms",
        "log-opts", "bip", "mtu", "default-address-pools",
    ];

    // Every flag takes a value; short forms are aliases of the long one they map to.
    private static readonly Dictionary<string, string> FlagAliases = new(StringComparer.Ordinal)
    {
        ["--data-root"] = "--data-root",
        ["--exec-root"] = "--exec-root",
        ["--host"] = "--host",
        ["-H"] = "--host",
        ["--default-runtime"] = "--default-runtime",
        ["--log-level"] = "--log-level",
        ["--config-file"] = "--config-file",
        ["--group"] = "--group",
        ["-G"] = "--group",
        ["--bip"] = "--bip",
        ["--mtu"] = "--mtu",
    };

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        // daemon.json files in the wild carry the odd comment or trailing comma; neither hides a mistake.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Where the optional packaged config lives: <c>config/berth.json</c> beside the executable.</summary>
    public static string BuiltInConfigPath => Path.Combine(AppContext.BaseDirectory, "config", "berth.json");

    /// <summary>Loads settings for the daemon, using the packaged config beside the executable.</summary>
    /// <param name="args">The arguments after the <c>daemon</c> verb.</param>
    /// <exception cref="SettingsException">Any flag, file or value is not acceptable.</exception>
    public static DaemonSettings Load(IReadOnlyList<string> args) => Load(args, BuiltInConfigPath);

    /// <summary>Loads settings for the daemon with an explicit packaged-config path.</summary>
    /// <param name="args">The arguments after the <c>daemon</c> verb.</param>
    /// <param name="builtInConfigPath">The packaged config, skipped if null or absent (tests pass their own).</param>
    /// <exception cref="SettingsException">Any flag, file or value is not acceptable.</exception>
    public static DaemonSettings Load(IReadOnlyList<string> args, string? builtInConfigPath)
    {
        ArgumentNullException.ThrowIfNull(args);

        // Flags are parsed first even though they apply last: --config-file decides which file layer exists,
        // and a typo on the command line should be reported before any file is read.
        var flags = ParseFlags(args);

        var settings = new DaemonSettings();
        if (builtInConfigPath is not null && File.Exists(builtInConfigPath))
        {
            settings = ApplyFile(settings, builtInConfigPath);
        }

        if (flags.TryGetValue("--config-file", out var configFile))
        {
            var path = Path.GetFullPath(configFile.Value);
            if (!File.Exists(path))
            {
                throw new SettingsException("--config-file", $"--config-file: {path} does not exist");
            }

            settings = ApplyFile(settings, path);
        }

        settings = ApplyFlags(settings, flags);
        ValidateCombination(settings);
        return settings;
    }

    // Keyed by the long flag name; each value keeps the spelling the operator used so errors quote it back.
    private static Dictionary<string, (string Spelled, string Value)> ParseFlags(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, (string Spelled, string Value)>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                throw new SettingsException(arg, $"unexpected argument '{arg}': berth daemon takes flags only");
            }

            var eq = arg.IndexOf('=');
            var name = eq < 0 ? arg : arg[..eq];
            if (!FlagAliases.TryGetValue(name, out var canonical))
            {
                throw new SettingsException(name, $"unknown flag {name} for berth daemon");
            }

            string value;
            if (eq >= 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !LooksLikeFlag(args[i + 1]))
            {
                value = args[++i];
            }
            else
            {
                throw new SettingsException(name, $"flag {name} needs a value");
            }

            // An empty --group= is dockerd's way to say "no socket group"; everywhere else it is a slip.
            if (value.Length == 0 && canonical != "--group")
            {
                throw new SettingsException(name, $"flag {name} needs a non-empty value");
            }

            if (canonical == "--host" && values.ContainsKey(canonical))
            {
                throw new SettingsException(name, $"flag {name} given more than once: berth daemon listens on a single unix socket");
            }

            values[canonical] = (name, value);
        }

        return values;
    }

    private static bool LooksLikeFlag(string arg) => arg.Length > 1 && arg[0] == '-';

    private static DaemonSettings ApplyFlags(DaemonSettings settings, Dictionary<string, (string Spelled, string Value)> flags)
    {
        foreach (var (canonical, (flag, value)) in flags)
        {
            settings = canonical switch
            {
                "--data-root" => settings with { DataRoot = Path.GetFullPath(value) },
                "--exec-root" => settings with { ExecRoot = Path.GetFullPath(value) },
                "--host" => settings with { SocketPath = ClientHost.ParseUnixHost(value, flag) },
                "--default-runtime" => settings with { DefaultRuntime = CheckRuntime(value, flag) },
                "--log-level" => settings with { LogLevel = CheckLogLevel(value, flag) },
                "--group" => settings with { SocketGroup = value.Length == 0 ? null : value },
                "--bip" => settings with { BridgeSubnet = NetworkSettingRules.BridgeSubnet(value, flag) },
                "--mtu" => settings with { Mtu = NetworkSettingRules.Mtu(value, flag) },
                "--config-file" => settings,
                _ => throw new InvalidOperationException($"flag {flag} is accepted by the parser but not applied"),
            };
        }

        return settings;
    }

    private static DaemonSettings ApplyFile(DaemonSettings settings, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new SettingsException(path, $"config file {path} is not valid JSON: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new SettingsException(path, $"config file {path} could not be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SettingsException(path, $"config file {path} could not be read: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SettingsException(path, $"config file {path} must hold a JSON object, not {root.ValueKind}");
            }

            // Relative paths in a file are taken relative to the file, not to whatever directory the daemon was started from.
            var baseDirectory = Path.GetDirectoryName(path) ?? AppContext.BaseDirectory;
            foreach (var property in root.EnumerateObject())
            {
                settings = ApplyKey(settings, path, baseDirectory, property.Name, property.Value);
            }
        }

        return settings;
    }

    private static DaemonSettings ApplyKey(DaemonSettings settings, string file, string baseDirectory, string key, JsonElement value)
    {
        return key switch
        {
            "data-root" => settings with { DataRoot = FilePath(file, baseDirectory, key, value) },
            "exec-root" => settings with { ExecRoot = FilePath(file, baseDirectory, key, value) },
            "hosts" => ApplyHosts(settings, file, value),
            "default-runtime" => settings with { DefaultRuntime = CheckRuntime(Text(file, key, value), Subject(file, key)) },
            "log-level" => settings with { LogLevel = CheckLogLevel(Text(file, key, value), Subject(file, key)) },
            "group" => settings with { SocketGroup = Text(file, key, value, allowEmpty: true) is { Length: > 0 } group ? group : null },
            "log-dir" => settings with { LogDirectory = FilePath(file, baseDirectory, key, value) },
            "snapshot-every" => settings with { SnapshotEvery = checked((int)Integer(file, key, value, min: 1, max: int.MaxValue)) },
            "restart-backoff-initial-ms" => settings with { RestartBackoffInitial = Milliseconds(file, key, value, min: 1) },
            "restart-backoff-max-ms" => settings with { RestartBackoffMax = Milliseconds(file, key, value, min: 1) },
            "restart-reset-after-ms" => settings with { RestartResetAfter = Milliseconds(file, key, value, min: 0) },
            "log-opts" => settings with { LogSizeMax = LogOpts(file, key, value) },
            "bip" => settings with { BridgeSubnet = NetworkSettingRules.BridgeSubnet(Text(file, key, value), key, Subject(file, key)) },
            "mtu" => settings with { Mtu = checked((int)Integer(file, key, value, min: NetworkSettingRules.MinMtu, max: NetworkSettingRules.MaxMtu)) },
            "default-address-pools" => settings with { AddressPools = AddressPools(file, key, value) },
            // Rejecting unknown keys (as dockerd does) turns a misspelt key into an error instead of a silently ignored setting.
            _ => throw new SettingsException(key, $"{Subject(file, key)}: unknown key; known keys are {string.Join(", ", KnownFileKeys)}"),
        };
    }

    /// <summary>dockerd's default log options: only <c>max-size</c> means something to conmon's single log file.</summary>
    private static long? LogOpts(string file, string key, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SettingsException(key, $"{Subject(file, key)}: expected an object such as {{\"max-size\": \"10m\"}}, got {value.ValueKind}");
        long? size = null;
        foreach (var option in value.EnumerateObject())
        {
            var text = option.Value.ValueKind == JsonValueKind.String ? option.Value.GetString()! : option.Value.ToString();
            if (option.Name == "max-size")
                size = Berth.Protocol.ByteSizes.TryParse(text, out var bytes) ? bytes
                    : throw new SettingsException(key, $"{Subject(file, key)}: invalid max-size '{text}' (e.g. \"10m\")");
            else if (option.Name != "max-file")
                throw new SettingsException(key, $"{Subject(file, key)}: unknown log opt '{option.Name}'; known: max-size");
        }
        return size;
    }

    /// <summary>dockerd's <c>[{"base": "172.80.0.0/16", "size": 24}, …]</c>, each kept as <c>base/size</c>.</summary>
    private static List<string> AddressPools(string file, string key, JsonElement value)
    {
        const string example = "[{\"base\": \"172.80.0.0/16\", \"size\": 24}]";
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            throw new SettingsException(key, $"{Subject(file, key)}: expected a non-empty array such as {example}");
        var pools = new List<string>();
        foreach (var pool in value.EnumerateArray())
        {
            if (pool.ValueKind != JsonValueKind.Object
                || !pool.TryGetProperty("base", out var poolBase) || poolBase.ValueKind != JsonValueKind.String
                || !pool.TryGetProperty("size", out var size) || !size.TryGetInt32(out var prefix))
                throw new SettingsException(key, $"{Subject(file, key)}: every pool needs a \"base\" string and a \"size\" number, as in {example}");
            pools.Add(NetworkSettingRules.AddressPool(poolBase.GetString()!, prefix, key, Subject(file, key)));
        }
        return pools;
    }

    private static DaemonSettings ApplyHosts(DaemonSettings settings, string file, JsonElement value)
    {
        const string key = "hosts";
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new SettingsException(key, $"{Subject(file, key)}: expected an array of addresses such as [\"unix:///run/berth/berth.sock\"], got {value.ValueKind}");
        }

        if (value.GetArrayLength() == 0)
        {
            return settings;
        }

        // dockerd listens on every host; berth listens on one, so the first unix:// entry is it and the rest are ignored.
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                throw new SettingsException(key, $"{Subject(file, key)}: every entry must be a string, got {element.ValueKind}");
            }

            var address = element.GetString()!;
            if (address.StartsWith("unix://", StringComparison.Ordinal))
            {
                return settings with { SocketPath = ClientHost.ParseUnixHost(address, Subject(file, key)) };
            }
        }

        throw new SettingsException(key, $"{Subject(file, key)}: no unix:// address among them; only unix sockets are supported");
    }

    private static void ValidateCombination(DaemonSettings settings)
    {
        if (settings.RestartBackoffInitial > settings.RestartBackoffMax)
        {
            throw new SettingsException(
                "restart-backoff-initial-ms",
                $"restart-backoff-initial-ms ({settings.RestartBackoffInitial.TotalMilliseconds}) exceeds restart-backoff-max-ms ({settings.RestartBackoffMax.TotalMilliseconds})");
        }
    }

    private static string CheckRuntime(string value, string subject)
    {
        if (Array.IndexOf(Runtimes, value) < 0)
        {
            throw new SettingsException(subject, $"{subject}: unknown runtime '{value}'; expected one of {string.Join(", ", Runtimes)}");
        }

        return value;
    }

    private static string CheckLogLevel(string value, string subject)
    {
        var level = value.ToLowerInvariant();
        if (Array.IndexOf(LogLevels, level) < 0)
        {
            throw new SettingsException(subject, $"{subject}: unknown log level '{value}'; expected one of {string.Join(", ", LogLevels)}");
        }

        return level;
    }

    private static string Subject(string file, string key) => $"{key} in {file}";

    private static string Text(string file, string key, JsonElement value, bool allowEmpty = false)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SettingsException(key, $"{Subject(file, key)}: expected a string, got {value.ValueKind}");
        }

        var text = value.GetString()!;
        if (!allowEmpty && text.Length == 0)
        {
            throw new SettingsException(key, $"{Subject(file, key)}: must not be empty");
        }

        return text;
    }

    private static string FilePath(string file, string baseDirectory, string key, JsonElement value) =>
        Path.GetFullPath(Text(file, key, value), baseDirectory);

    private static long Integer(string file, string key, JsonElement value, long min, long max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw new SettingsException(key, $"{Subject(file, key)}: expected a whole number, got {value.GetRawText()}");
        }

        if (number < min || number > max)
        {
            throw new SettingsException(key, $"{Subject(file, key)}: {number} is out of range [{min}, {max}]");
        }

        return number;
    }

    private static TimeSpan Milliseconds(string file, string key, JsonElement value, long min) =>
        TimeSpan.FromMilliseconds(Integer(file, key, value, min, max: int.MaxValue));
}
