using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Registry;
using Berth.Actors.Tests.Containers;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Registry;

/// <summary>The name registry through the actor tree: lookups, refusals, random names and ids, recovery.</summary>
public sealed class RegistryActorTests : IClassFixture<JournalWarmup>, IDisposable
{
    private readonly TestWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_container_is_found_by_full_id_name_slash_name_and_unique_prefix()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web");

        var answers = new[] { created.Id, "web", "/web", created.Id[..12] }
            .Select(reference => ResolveAsync(daemon, reference));

        var expected = new Resolved(created.Id, "web");
        Assert.All(await Task.WhenAll(answers), answer => Assert.Equal(expected, answer));
        Assert.Equal(created.Id, (await daemon.InspectAsync(created.Id[..12])).Id);
    }

    [Fact]
    public async Task An_unknown_reference_is_not_found()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await daemon.CreateAsync("web");

        var answer = await ResolveAsync(daemon, "nope");

        Assert.Equal(new Rejected(ErrorKind.NotFound, "No such container: nope"), answer);
    }

    [Fact]
    public async Task A_prefix_shared_by_two_ids_is_an_invalid_parameter()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var ids = new List<string>();
        // 17 ids over 16 hex digits: two of them must share their first character.
        for (var i = 0; i < 17; i++) ids.Add((await daemon.CreateAsync()).Id);
        var shared = ids.GroupBy(id => id[..1]).First(g => g.Count() > 1).Key;

        var answer = await daemon.AskAsync(shared, new InspectContainer());

        Assert.Equal(new Rejected(ErrorKind.InvalidParameter, $"multiple IDs found with provided prefix: {shared}"), answer);
    }

    [Fact]
    public async Task A_name_in_use_is_a_conflict_naming_the_holder()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var holder = await daemon.CreateAsync("web");

        var answer = await CreateRawAsync(daemon, "/web");

        Assert.Equal(new Rejected(ErrorKind.Conflict,
            $"Conflict. The container name \"/web\" is already in use by container \"{holder.Id}\". " +
            "You have to remove (or rename) that container to be able to reuse that name."), answer);
        Assert.Single(_world.Layers.Layers);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-web")]
    [InlineData("web app")]
    [InlineData("//web")]
    public async Task An_invalid_name_is_an_invalid_parameter(string name)
    {
        await using var daemon = await TestDaemon.StartAsync(_world);

        var answer = await CreateRawAsync(daemon, name);

        Assert.Equal(new Rejected(ErrorKind.InvalidParameter, ContainerNameRules.InvalidMessage(name)), answer);
        Assert.Empty(_world.Layers.Layers);
    }

    [Fact]
    public async Task A_name_given_with_a_slash_is_stored_without_it()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);

        var created = await daemon.CreateAsync("/web");

        Assert.Equal("web", created.Name);
        Assert.Equal("web", (await daemon.InspectAsync("web")).Name);
    }

    [Fact]
    public async Task Two_hundred_unnamed_creates_get_distinct_valid_names_and_distinct_full_ids()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = new List<ContainerCreated>();

        for (var i = 0; i < 200; i++) created.Add(await daemon.CreateAsync());

        Assert.Equal(200, created.Select(c => c.Id).Distinct().Count());
        Assert.Equal(200, created.Select(c => c.Name).Distinct().Count());
        Assert.All(created, c => Assert.True(ContainerIdGenerator.IsFullId(c.Id), c.Id));
        Assert.All(created, c => Assert.Matches("^[a-z]+_[a-z]+[0-9]?$", c.Name));
        Assert.All(created, c => Assert.True(ContainerNameRules.IsValid(c.Name), c.Name));
        Assert.DoesNotContain(created, c => c.Name == NameGenerator.ExcludedName);
    }

    [Fact]
    public async Task The_registry_is_rebuilt_from_the_journal_after_a_daemon_restart()
    {
        ContainerCreated web, unnamed, renamed, removed;
        await using (var first = await TestDaemon.StartAsync(_world))
        {
            web = await first.CreateAsync("web");
            unnamed = await first.CreateAsync();
            renamed = await first.CreateAsync("old");
            await first.AskAsync("old", new RenameContainer("new"));
            removed = await first.CreateAsync("gone");
            await first.AskAsync("gone", new RemoveContainer());
        }

        await using var second = await TestDaemon.StartAsync(_world);

        Assert.Equal(new Resolved(web.Id, "web"), await ResolveAsync(second, "web"));
        Assert.Equal(new Resolved(unnamed.Id, unnamed.Name), await ResolveAsync(second, unnamed.Id));
        Assert.Equal(new Resolved(unnamed.Id, unnamed.Name), await ResolveAsync(second, unnamed.Name));
        Assert.Equal(new Resolved(renamed.Id, "new"), await ResolveAsync(second, "new"));
        Assert.Equal(new Rejected(ErrorKind.NotFound, "No such container: old"), await ResolveAsync(second, "old"));
        Assert.Equal(new Rejected(ErrorKind.NotFound, $"No such container: {removed.Id}"), await ResolveAsync(second, removed.Id));
        Assert.Equal(web.Id, (await second.InspectAsync("web")).Id);
        Assert.Equal(ErrorKind.Conflict, Assert.IsType<Rejected>(await CreateRawAsync(second, "web")).Kind);
        Assert.Equal("gone", (await second.CreateAsync("gone")).Name);
    }

    private static Task<object> ResolveAsync(TestDaemon daemon, string reference) =>
        daemon.Host.Registry.Ask<object>(new ResolveContainer(reference), TestDaemon.Timeout);

    private static Task<object> CreateRawAsync(TestDaemon daemon, string name) =>
        daemon.Host.Registry.Ask<object>(
            new CreateContainer(name, "sha256:img", "busybox", new ContainerConfig { Cmd = ["sleep", "1000"] }, new HostConfig()),
            TestDaemon.Timeout);
}
