using Berth.Supervisor.Cli;
using Berth.Supervisor.Tests.Api;

namespace Berth.Supervisor.Tests.Cli;

/// <summary><c>berth network prune</c> asks first, as docker's CLI does.</summary>
public sealed class NetworkPruneCommandTests : IAsyncLifetime
{
    private ApiHarness _api = null!;
    private readonly StringWriter _out = new();

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Network_prune_without_force_asks_first()
    {
        await NetworkVerbs.RunAsync(_api.Client, ["prune"], _out, TextWriter.Null, new StringReader(""));

        Assert.Equal("WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ", _out.ToString());
    }
}
