using System.Reflection;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using static Berth.Actors.ErrorKind;
using static Berth.Actors.Lifecycle.ContainerStatus;

namespace Berth.Actors.Tests.Lifecycle;

/// <summary>
/// Every user command in every status a live container can be in, against Docker's answer written out
/// by hand (daemon/start.go validateState, stop.go, kill.go, pause.go, unpause.go, delete.go, errors.go).
/// <c>{id}</c> and <c>{name}</c> in a message stand for the container's id and name. Null = accepted.
/// </summary>
public sealed class CommandRulesTests
{
    private const string Id = "4f1c9e2b7a3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6";
    private const string Name = "web";

    private const string CannotUpdate = "Cannot update container {id}: container is marked for removal and cannot be \"update\"";
    private const string MarkedForRemoval = "container is marked for removal and cannot be started";
    private const string NotRunning = "container {id} is not running";
    private const string IsRestarting = "container {id} is restarting, wait until the container is running";
    private const string NotPaused = "container {id} is not paused";
    private const string ExecPaused = "Container {id} is paused, unpause the container before exec";
    private const string ExecRestarting = "Container {id} is restarting, wait until the container is running";
    private const string StopFirst = "cannot remove container \"/{name}\": container is {status}: stop the container before removing or force remove";

    private static readonly Dictionary<string, IContainerCommand> Commands = new()
    {
        ["start"] = new StartContainer(),
        ["stop"] = new StopContainer(),
        ["kill"] = new KillContainer(),
        ["restart"] = new RestartContainer(),
        ["pause"] = new PauseContainer(),
        ["unpause"] = new UnpauseContainer(),
        ["rename"] = new RenameContainer("db"),
        ["wait"] = new WaitContainer(),
        ["inspect"] = new InspectContainer(),
        ["rm"] = new RemoveContainer(Force: false),
        ["rm -f"] = new RemoveContainer(Force: true),
        ["update"] = new UpdateContainer { Memory = 64 << 20 },
        ["attach"] = new AttachContainer(),
        ["resize"] = new ResizeContainer(24, 80),
        ["exec create"] = new CreateExec(new ExecConfig(["true"], [], null, null, false, false, true, true, false, null)),
        ["exec start"] = new StartExec("e1", Detach: false),
        ["exec inspect"] = new InspectExec("e1"),
        ["exec wait"] = new WaitExec("e1"),
        ["exec resize"] = new ResizeExec("e1", 24, 80),
        ["cp"] = new AcquireRootfs(),
        ["cp done"] = new ReleaseRootfs(),
        ["network connect"] = new ConnectContainer("backend", new Berth.Journal.Model.EndpointSettings("backend")),
        ["network disconnect"] = new DisconnectContainer("bridge"),
    };

    [Theory]
    [InlineData("start", Created, null, null)]
    [InlineData("start", Running, NotModified, "container already started")]
    [InlineData("start", Paused, Conflict, "cannot start a paused container, try unpause instead")]
    [InlineData("start", Restarting, NotModified, "container already started")]
    [InlineData("start", Exited, null, null)]
    [InlineData("start", Removing, Conflict, MarkedForRemoval)]
    [InlineData("start", Dead, Conflict, MarkedForRemoval)]
    [InlineData("stop", Created, NotModified, "container already stopped")]
    [InlineData("stop", Running, null, null)]
    [InlineData("stop", Paused, null, null)]
    [InlineData("stop", Restarting, null, null)]
    [InlineData("stop", Exited, NotModified, "container already stopped")]
    [InlineData("stop", Removing, NotModified, "container already stopped")]
    [InlineData("stop", Dead, NotModified, "container already stopped")]
    [InlineData("kill", Created, Conflict, NotRunning)]
    [InlineData("kill", Running, null, null)]
    [InlineData("kill", Paused, null, null)]
    [InlineData("kill", Restarting, null, null)]
    [InlineData("kill", Exited, Conflict, NotRunning)]
    [InlineData("kill", Removing, Conflict, NotRunning)]
    [InlineData("kill", Dead, Conflict, NotRunning)]
    [InlineData("restart", Created, null, null)]
    [InlineData("restart", Running, null, null)]
    [InlineData("restart", Paused, null, null)]
    [InlineData("restart", Restarting, null, null)]
    [InlineData("restart", Exited, null, null)]
    [InlineData("restart", Removing, Conflict, MarkedForRemoval)]
    [InlineData("restart", Dead, Conflict, MarkedForRemoval)]
    [InlineData("pause", Created, Conflict, NotRunning)]
    [InlineData("pause", Running, null, null)]
    [InlineData("pause", Paused, Conflict, "container {id} is already paused")]
    [InlineData("pause", Restarting, Conflict, IsRestarting)]
    [InlineData("pause", Exited, Conflict, NotRunning)]
    [InlineData("pause", Removing, Conflict, NotRunning)]
    [InlineData("pause", Dead, Conflict, NotRunning)]
    [InlineData("unpause", Created, Conflict, NotPaused)]
    [InlineData("unpause", Running, Conflict, NotPaused)]
    [InlineData("unpause", Paused, null, null)]
    [InlineData("unpause", Restarting, Conflict, NotPaused)]
    [InlineData("unpause", Exited, Conflict, NotPaused)]
    [InlineData("unpause", Removing, Conflict, NotPaused)]
    [InlineData("unpause", Dead, Conflict, NotPaused)]
    [InlineData("rename", Created, null, null)]
    [InlineData("rename", Running, null, null)]
    [InlineData("rename", Paused, null, null)]
    [InlineData("rename", Restarting, null, null)]
    [InlineData("rename", Exited, null, null)]
    [InlineData("rename", Removing, null, null)]
    [InlineData("rename", Dead, null, null)]
    [InlineData("wait", Created, null, null)]
    [InlineData("wait", Running, null, null)]
    [InlineData("wait", Paused, null, null)]
    [InlineData("wait", Restarting, null, null)]
    [InlineData("wait", Exited, null, null)]
    [InlineData("wait", Removing, null, null)]
    [InlineData("wait", Dead, null, null)]
    [InlineData("inspect", Created, null, null)]
    [InlineData("inspect", Running, null, null)]
    [InlineData("inspect", Paused, null, null)]
    [InlineData("inspect", Restarting, null, null)]
    [InlineData("inspect", Exited, null, null)]
    [InlineData("inspect", Removing, null, null)]
    [InlineData("inspect", Dead, null, null)]
    [InlineData("rm", Created, null, null)]
    [InlineData("rm", Running, Conflict, StopFirst)]
    [InlineData("rm", Paused, Conflict, "cannot remove container \"/{name}\": container is paused and must be unpaused first")]
    [InlineData("rm", Restarting, Conflict, StopFirst)]
    [InlineData("rm", Exited, null, null)]
    [InlineData("rm", Removing, Conflict, "removal of container {name} is already in progress")]
    [InlineData("rm", Dead, null, null)]
    [InlineData("rm -f", Created, null, null)]
    [InlineData("rm -f", Running, null, null)]
    [InlineData("rm -f", Paused, null, null)]
    [InlineData("rm -f", Restarting, null, null)]
    [InlineData("rm -f", Exited, null, null)]
    [InlineData("rm -f", Removing, Conflict, "removal of container {name} is already in progress")]
    [InlineData("rm -f", Dead, null, null)]
    [InlineData("update", Created, null, null)]
    [InlineData("update", Running, null, null)]
    [InlineData("update", Paused, null, null)]
    [InlineData("update", Restarting, null, null)]
    [InlineData("update", Exited, null, null)]
    [InlineData("update", Removing, Conflict, CannotUpdate)]
    [InlineData("update", Dead, Conflict, CannotUpdate)]
    [InlineData("attach", Created, null, null)]
    [InlineData("attach", Running, null, null)]
    [InlineData("attach", Paused, null, null)]
    [InlineData("attach", Restarting, null, null)]
    [InlineData("attach", Exited, null, null)]
    [InlineData("attach", Removing, Conflict, "container {id} is marked for removal")]
    [InlineData("attach", Dead, Conflict, "container {id} is marked for removal")]
    [InlineData("resize", Created, Conflict, NotRunning)]
    [InlineData("resize", Running, null, null)]
    [InlineData("resize", Paused, null, null)]
    [InlineData("resize", Restarting, Conflict, NotRunning)]
    [InlineData("resize", Exited, Conflict, NotRunning)]
    [InlineData("resize", Removing, Conflict, NotRunning)]
    [InlineData("resize", Dead, Conflict, NotRunning)]
    [InlineData("exec create", Created, Conflict, NotRunning)]
    [InlineData("exec create", Running, null, null)]
    [InlineData("exec create", Paused, Conflict, ExecPaused)]
    [InlineData("exec create", Restarting, Conflict, ExecRestarting)]
    [InlineData("exec create", Exited, Conflict, NotRunning)]
    [InlineData("exec create", Removing, Conflict, NotRunning)]
    [InlineData("exec create", Dead, Conflict, NotRunning)]
    [InlineData("exec start", Created, Conflict, NotRunning)]
    [InlineData("exec start", Running, null, null)]
    [InlineData("exec start", Paused, Conflict, ExecPaused)]
    [InlineData("exec start", Restarting, Conflict, ExecRestarting)]
    [InlineData("exec start", Exited, Conflict, NotRunning)]
    [InlineData("exec start", Removing, Conflict, NotRunning)]
    [InlineData("exec start", Dead, Conflict, NotRunning)]
    [InlineData("exec inspect", Created, null, null)]
    [InlineData("exec inspect", Running, null, null)]
    [InlineData("exec inspect", Paused, null, null)]
    [InlineData("exec inspect", Restarting, null, null)]
    [InlineData("exec inspect", Exited, null, null)]
    [InlineData("exec inspect", Removing, null, null)]
    [InlineData("exec inspect", Dead, null, null)]
    [InlineData("exec wait", Created, null, null)]
    [InlineData("exec wait", Running, null, null)]
    [InlineData("exec wait", Paused, null, null)]
    [InlineData("exec wait", Restarting, null, null)]
    [InlineData("exec wait", Exited, null, null)]
    [InlineData("exec wait", Removing, null, null)]
    [InlineData("exec wait", Dead, null, null)]
    [InlineData("exec resize", Created, null, null)]
    [InlineData("exec resize", Running, null, null)]
    [InlineData("exec resize", Paused, null, null)]
    [InlineData("exec resize", Restarting, null, null)]
    [InlineData("exec resize", Exited, null, null)]
    [InlineData("exec resize", Removing, null, null)]
    [InlineData("exec resize", Dead, null, null)]
    [InlineData("cp", Created, null, null)]
    [InlineData("cp", Running, null, null)]
    [InlineData("cp", Paused, null, null)]
    [InlineData("cp", Restarting, null, null)]
    [InlineData("cp", Exited, null, null)]
    [InlineData("cp", Removing, Conflict, "container {id} is marked for removal and cannot be accessed")]
    [InlineData("cp", Dead, Conflict, "container {id} is marked for removal and cannot be accessed")]
    [InlineData("cp done", Created, null, null)]
    [InlineData("cp done", Running, null, null)]
    [InlineData("cp done", Paused, null, null)]
    [InlineData("cp done", Restarting, null, null)]
    [InlineData("cp done", Exited, null, null)]
    [InlineData("cp done", Removing, null, null)]
    [InlineData("cp done", Dead, null, null)]
    [InlineData("network connect", Created, null, null)]
    [InlineData("network connect", Running, null, null)]
    [InlineData("network connect", Paused, Conflict, "container {id} is paused, unpause it first")]
    [InlineData("network connect", Restarting, null, null)]
    [InlineData("network connect", Exited, null, null)]
    [InlineData("network connect", Removing, Conflict, "container {id} is marked for removal")]
    [InlineData("network connect", Dead, Conflict, "container {id} is marked for removal")]
    [InlineData("network disconnect", Created, null, null)]
    [InlineData("network disconnect", Running, null, null)]
    [InlineData("network disconnect", Paused, Conflict, "container {id} is paused, unpause it first")]
    [InlineData("network disconnect", Restarting, null, null)]
    [InlineData("network disconnect", Exited, null, null)]
    [InlineData("network disconnect", Removing, Conflict, "container {id} is marked for removal")]
    [InlineData("network disconnect", Dead, Conflict, "container {id} is marked for removal")]
    public void Each_command_in_each_status_gets_dockers_answer(string command, ContainerStatus status, ErrorKind? kind, string? message)
    {
        var state = ContainerState.Empty with { Id = Id, Name = Name, Status = status, Exists = true };

        var answer = CommandRules.Check(Commands[command], state);

        var expected = kind is { } k ? new Rejected(k, Expand(message!, status)) : null;
        Assert.Equal(expected, answer);
    }

    [Fact]
    public void Removal_in_progress_names_the_container_as_the_client_did()
    {
        var state = ContainerState.Empty with { Id = Id, Name = Name, Status = Removing, Exists = true };

        var answer = CommandRules.Check(new RemoveContainer(Force: true, RemoveVolumes: true, Reference: Id), state);

        Assert.Equal(new Rejected(Conflict, $"removal of container {Id} is already in progress"), answer);
    }

    [Fact]
    public void The_table_holds_every_command_in_every_live_status_exactly_once()
    {
        var rows = typeof(CommandRulesTests).GetMethod(nameof(Each_command_in_each_status_gets_dockers_answer))!
            .GetCustomAttributes<InlineDataAttribute>()
            .SelectMany(a => a.GetData(null!))
            .Select(row => ((string)row[0], (ContainerStatus)row[1]))
            .ToList();

        var expected = Commands.Keys
            .SelectMany(c => Enum.GetValues<ContainerStatus>().Where(s => s != Removed).Select(s => (c, s)));
        Assert.Equal(expected.Order(), rows.Order());
    }

    [Fact]
    public void Every_user_command_type_is_in_the_table()
    {
        var commandTypes = typeof(IContainerCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IContainerCommand).IsAssignableFrom(t))
            .Select(t => t.Name);

        var covered = Commands.Values.Select(c => c.GetType().Name).Distinct();

        Assert.Equal(commandTypes.Order(), covered.Order());
    }

    private static string Expand(string message, ContainerStatus status) => message
        .Replace("{id}", Id, StringComparison.Ordinal)
        .Replace("{name}", Name, StringComparison.Ordinal)
        .Replace("{status}", status.ToString().ToLowerInvariant(), StringComparison.Ordinal);
}
