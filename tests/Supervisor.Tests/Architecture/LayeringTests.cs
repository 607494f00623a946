using System.Reflection;

namespace Berth.Supervisor.Tests.Architecture;

/// <summary>
/// Dependencies point one way: Supervisor → Actors → (Journal, Native); only Native touches the OS for the
/// daemon. The client (Cli) and the wire types (Protocol) stand apart so the client compiles Native AOT.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Supervisor = typeof(Berth.Supervisor.Daemon.DaemonCommand).Assembly;
    private static readonly Assembly Client = typeof(Berth.Supervisor.Cli.CliMain).Assembly;
    private static readonly Assembly Protocol = typeof(Berth.Supervisor.Api.Models.ApiJson).Assembly;
    private static readonly Assembly Actors = typeof(Berth.Actors.HostGuardianActor).Assembly;
    private static readonly Assembly Journal = typeof(Berth.Journal.Events.Created).Assembly;
    private static readonly Assembly Native = typeof(Berth.Native.Signals).Assembly;

    private static HashSet<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToHashSet();

    [Fact]
    public void Native_knows_nothing_of_akka_the_journal_or_the_actors()
    {
        var refs = References(Native);

        Assert.DoesNotContain(refs, r => r.StartsWith("Akka", StringComparison.Ordinal));
        Assert.DoesNotContain("Berth.Journal", refs);
        Assert.DoesNotContain("Berth.Actors", refs);
    }

    [Fact]
    public void The_journal_knows_nothing_of_native_or_the_actors()
    {
        var refs = References(Journal);

        Assert.DoesNotContain("Berth.Native", refs);
        Assert.DoesNotContain("Berth.Actors", refs);
    }

    [Fact]
    public void The_supervisor_never_calls_native_directly()
    {
        Assert.DoesNotContain("Berth.Native", References(Supervisor));
    }

    [Fact]
    public void The_client_knows_nothing_of_akka_aspnet_the_actors_the_journal_or_native()
    {
        var refs = References(Client);

        Assert.Contains("Berth.Protocol", refs);
        Assert.DoesNotContain(refs, r => r.StartsWith("Akka", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, r => r.StartsWith("Serilog", StringComparison.Ordinal));
        Assert.DoesNotContain("Berth.Actors", refs);
        Assert.DoesNotContain("Berth.Journal", refs);
        Assert.DoesNotContain("Berth.Native", refs);
        Assert.DoesNotContain("berth-daemon", refs);
    }

    [Fact]
    public void The_wire_types_depend_on_nothing_of_berth_nor_on_a_package()
    {
        var refs = References(Protocol);

        Assert.DoesNotContain(refs, r => r.StartsWith("Berth", StringComparison.Ordinal) || r.StartsWith("berth", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, r => r.StartsWith("Akka", StringComparison.Ordinal) || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Actors_never_spawn_processes_or_call_the_os_themselves()
    {
        var pinvokes = Actors.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => m.Attributes.HasFlag(MethodAttributes.PinvokeImpl))
            .Select(m => $"{m.DeclaringType}.{m.Name}");

        Assert.Empty(pinvokes);
        Assert.DoesNotContain("System.Diagnostics.Process", References(Actors));
        Assert.DoesNotContain("Tmds.LibC", References(Actors));
    }
}
