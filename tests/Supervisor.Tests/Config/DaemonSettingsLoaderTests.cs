using Berth.Supervisor.Config;

namespace Berth.Supervisor.Tests.Config;

/// <summary>
/// Layering and validation of <c>berth daemon</c> settings. Each test works in its own temp directory
/// and passes the packaged-config path explicitly, so whatever config/berth.json ships beside the test
/// binaries cannot leak in.
/// </summary>
public sealed class DaemonSettingsLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "berth-settings-" + Guid.NewGuid().ToString("N"));

    public DaemonSettingsLoaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static DaemonSettings Load(params string[] args) => DaemonSettingsLoader.Load(args, builtInConfigPath: null);

    [Fact]
    public void No_flags_and_no_files_give_the_built_in_defaults()
    {
        var settings = Load();

        Assert.Equal("/var/lib/berth", settings.DataRoot);
        Assert.Equal("/run/berth", settings.ExecRoot);
        Assert.Equal("/run/berth/berth.sock", settings.SocketPath);
        Assert.Null(settings.SocketGroup);
        Assert.Equal("crun", settings.DefaultRuntime);
        Assert.Equal("info", settings.LogLevel);
        Assert.Equal("/var/lib/berth/logs", settings.LogDirectory);
        Assert.Equal(100, settings.SnapshotEvery);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.RestartBackoffInitial);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.RestartBackoffMax);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.RestartResetAfter);
        Assert.Equal("/var/lib/berth/journal.db", settings.JournalPath);
    }

    [Fact]
    public void Flags_override_the_config_file_which_overrides_the_packaged_file_which_overrides_defaults()
    {
        var packaged = WriteFile("packaged.json", """{ "data-root": "/packaged", "log-level": "debug", "snapshot-every": 7, "default-runtime": "runc" }""");
        var file = WriteFile("daemon.json", """{ "data-root": "/from-file", "log-level": "warn", "group": "docker" }""");

        var settings = DaemonSettingsLoader.Load(["--config-file", file, "--data-root", "/from-flag"], packaged);

        Assert.Equal("/from-flag", settings.DataRoot);
        Assert.Equal("warn", settings.LogLevel);
        Assert.Equal("docker", settings.SocketGroup);
        Assert.Equal(7, settings.SnapshotEvery);
        Assert.Equal("runc", settings.DefaultRuntime);
        Assert.Equal("/run/berth", settings.ExecRoot);
        Assert.Equal("/from-flag/journal.db", settings.JournalPath);
    }

    [Fact]
    public void Every_config_file_key_is_read()
    {
        var file = WriteFile("daemon.json", """
            {
              "data-root": "/d", "exec-root": "/e", "hosts": ["tcp://0.0.0.0:2375", "unix:///s/b.sock", "unix:///ignored.sock"],
              "default-runtime": "runc", "log-level": "error", "group": "berth", "log-dir": "/l",
              "snapshot-every": 5, "restart-backoff-initial-ms": 20, "restart-backoff-max-ms": 3000, "restart-reset-after-ms": 400
            }
            """);

        var settings = Load("--config-file", file);

        Assert.Equal(
            new DaemonSettings
            {
                DataRoot = "/d", ExecRoot = "/e", SocketPath = "/s/b.sock", DefaultRuntime = "runc", LogLevel = "error",
                SocketGroup = "berth", LogDirectory = "/l", SnapshotEvery = 5,
                RestartBackoffInitial = TimeSpan.FromMilliseconds(20), RestartBackoffMax = TimeSpan.FromSeconds(3),
                RestartResetAfter = TimeSpan.FromMilliseconds(400),
            },
            settings);
    }

    [Fact]
    public void Dockerds_network_keys_set_the_bridge_subnet_mtu_and_address_pools()
    {
        var file = WriteFile("daemon.json", """
            { "bip": "10.99.0.1/24", "mtu": 1400,
              "default-address-pools": [{"base": "172.80.0.0/16", "size": 24}, {"base": "10.200.0.0/16", "size": 20}] }
            """);

        var settings = Load("--config-file", file);
        var flagged = Load("--config-file", file, "--bip", "192.168.77.1/24", "--mtu=9000");

        Assert.Equal(("10.99.0.0/24", 1400), (settings.BridgeSubnet, settings.Mtu));
        Assert.Equal(["172.80.0.0/16/24", "10.200.0.0/16/20"], settings.AddressPools!);
        Assert.Equal(("192.168.77.0/24", 9000), (flagged.BridgeSubnet, flagged.Mtu));
    }

    [Theory]
    [InlineData("--bip", "10.99.0.5/24", "use 10.99.0.1/24")]
    [InlineData("--bip", "10.99.0.1", "such as 10.88.0.1/16")]
    [InlineData("--bip", "fd00::1/64", "IPv4")]
    [InlineData("--mtu", "20", "from 68 to 65535")]
    public void A_bad_network_flag_is_refused_saying_what_to_give(string flag, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => Load(flag, value));

        Assert.Equal(flag, error.Subject);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("""[{"base": "172.80.0.0/16", "size": 8}]""", "must be from 16 to 30")]
    [InlineData("""[{"base": "172.80.0.1/16", "size": 24}]""", "invalid pool base")]
    [InlineData("""[{"base": "172.80.0.0/16"}]""", "needs a \"base\" string and a \"size\" number")]
    [InlineData("""[]""", "non-empty array")]
    public void Bad_address_pools_are_refused_naming_the_key(string pools, string message)
    {
        var file = WriteFile("daemon.json", $$"""{ "default-address-pools": {{pools}} }""");

        var error = Assert.Throws<SettingsException>(() => Load("--config-file", file));

        Assert.Equal("default-address-pools", error.Subject);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("-H", "unix:///tmp/x.sock")]
    [InlineData("--host", "unix:///tmp/x.sock")]
    public void A_host_flag_with_a_separate_value_sets_the_socket(string flag, string value)
    {
        var settings = Load(flag, value);

        Assert.Equal("/tmp/x.sock", settings.SocketPath);
    }

    [Theory]
    [InlineData("--host=unix:///tmp/x.sock")]
    [InlineData("-H=unix:///tmp/x.sock")]
    public void A_host_flag_with_an_inline_value_sets_the_socket(string arg)
    {
        var settings = Load(arg);

        Assert.Equal("/tmp/x.sock", settings.SocketPath);
    }

    [Fact]
    public void A_tcp_host_is_rejected_saying_only_unix_sockets_are_supported()
    {
        var error = Assert.Throws<SettingsException>(() => Load("-H", "tcp://0.0.0.0:2375"));

        Assert.Equal("-H", error.Subject);
        Assert.Contains("only unix sockets are supported", error.Message);
        Assert.Contains("tcp://", error.Message);
    }

    [Fact]
    public void A_config_file_with_only_tcp_hosts_is_rejected()
    {
        var file = WriteFile("daemon.json", """{ "hosts": ["tcp://127.0.0.1:2375"] }""");

        var error = Assert.Throws<SettingsException>(() => Load("--config-file", file));

        Assert.Contains("only unix sockets are supported", error.Message);
        Assert.Contains("hosts", error.Message);
    }

    [Fact]
    public void An_unknown_flag_is_rejected_naming_it()
    {
        var error = Assert.Throws<SettingsException>(() => Load("--data-root", "/d", "--storage-driver", "overlay2"));

        Assert.Equal("--storage-driver", error.Subject);
        Assert.Contains("--storage-driver", error.Message);
    }

    [Fact]
    public void A_flag_without_its_value_is_rejected_naming_it()
    {
        var error = Assert.Throws<SettingsException>(() => Load("--exec-root"));

        Assert.Equal("--exec-root", error.Subject);
        Assert.Contains("--exec-root needs a value", error.Message);
    }

    [Fact]
    public void A_malformed_json_config_file_is_rejected_naming_the_file()
    {
        var file = WriteFile("broken.json", """{ "data-root": "/d", """ + "\n\"log-level\" }");

        var error = Assert.Throws<SettingsException>(() => Load("--config-file", file));

        Assert.Contains(file, error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void A_missing_config_file_is_rejected_naming_it()
    {
        var missing = Path.Combine(_dir, "nope.json");

        var error = Assert.Throws<SettingsException>(() => Load("--config-file", missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void An_unknown_config_key_is_rejected_naming_the_key_and_file()
    {
        var file = WriteFile("daemon.json", """{ "data_root": "/d" }""");

        var error = Assert.Throws<SettingsException>(() => Load("--config-file", file));

        Assert.Equal("data_root", error.Subject);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void A_config_value_of_the_wrong_type_is_rejected_naming_the_key()
    {
        var file = WriteFile("daemon.json", """{ "snapshot-every": "lots" }""");

        var error = Assert.Throws<SettingsException>(() => Load("--config-file", file));

        Assert.Equal("snapshot-every", error.Subject);
    }

    [Fact]
    public void An_unknown_runtime_is_rejected()
    {
        var error = Assert.Throws<SettingsException>(() => Load("--default-runtime", "youki"));

        Assert.Equal("--default-runtime", error.Subject);
        Assert.Contains("youki", error.Message);
    }

    [Fact]
    public void An_unknown_log_level_is_rejected()
    {
        var error = Assert.Throws<SettingsException>(() => Load("--log-level=verbose"));

        Assert.Equal("--log-level", error.Subject);
        Assert.Contains("verbose", error.Message);
    }

    [Fact]
    public void Exec_root_moves_the_default_socket()
    {
        var settings = Load("--exec-root", "/tmp/berth-exec");

        Assert.Equal("/tmp/berth-exec", settings.ExecRoot);
        Assert.Equal("/tmp/berth-exec/berth.sock", settings.SocketPath);
    }

    [Fact]
    public void An_explicit_host_wins_over_the_exec_root_default()
    {
        var settings = Load("--exec-root", "/tmp/berth-exec", "-H", "unix:///tmp/x.sock");

        Assert.Equal("/tmp/x.sock", settings.SocketPath);
    }

    [Fact]
    public void Data_root_moves_the_log_directory_unless_one_is_given()
    {
        var settings = Load("--data-root", "/srv/berth");

        Assert.Equal("/srv/berth/logs", settings.LogDirectory);
    }

    [Fact]
    public void An_empty_group_flag_clears_a_group_set_in_the_file()
    {
        var file = WriteFile("daemon.json", """{ "group": "docker" }""");

        var settings = Load("--config-file", file, "--group=");

        Assert.Null(settings.SocketGroup);
    }

    [Fact]
    public void A_backoff_start_above_its_ceiling_is_rejected()
    {
        var file = WriteFile("daemon.json", """{ "restart-backoff-initial-ms": 5000, "restart-backoff-max-ms": 1000 }""");

        var error = Assert.Throws<SettingsException>(() => Load("--config-file", file));

        Assert.Contains("restart-backoff-max-ms", error.Message);
    }
}
