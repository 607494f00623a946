using System.Runtime.CompilerServices;
using Berth.Journal.Events;
using Berth.Journal.Serialization;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Serialization;

/// <summary>
/// The journal's compatibility promise: every sample ever written (frozen in <c>Golden/</c>) still
/// reads, and every manifest the daemon can write has a sample.
/// </summary>
public sealed class GoldenSampleTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    [Fact]
    public void Every_golden_sample_ever_written_replays()
    {
        var samples = GoldenFiles.ReadAll().ToList();
        Assert.NotEmpty(samples);
        foreach (var (manifest, bytes) in samples)
        {
            Assert.True(GoldenChecks.ByManifest.TryGetValue(manifest, out var check),
                $"Golden/{GoldenFiles.FileName(manifest)} has no entry in GoldenChecks: say which fields it must still read as");
            check(fixture.Serializer.FromBinary(bytes, manifest));
        }
    }

    [Fact]
    public void Every_manifest_the_daemon_can_write_has_a_golden_sample()
    {
        var golden = GoldenFiles.ReadAll().Select(s => s.Manifest).ToHashSet();
        var missing = KnownManifests().Where(m => !golden.Contains(m)).Order().ToList();
        Assert.True(missing.Count == 0,
            $"no golden sample for {string.Join(", ", missing)}: add one to Samples and run the tests once with {GoldenFiles.WriteVariable}=1");
    }

    [Fact]
    public void Every_golden_check_has_its_sample()
    {
        var golden = GoldenFiles.ReadAll().Select(s => s.Manifest).ToHashSet();
        var orphans = GoldenChecks.ByManifest.Keys.Where(m => !golden.Contains(m)).ToList();
        Assert.True(orphans.Count == 0, $"checks without a sample: {string.Join(", ", orphans)}");
    }

    /// <summary>Adds the sample of a manifest that has none (never rewrites one) when asked to.</summary>
    [Fact]
    public void Missing_golden_samples_are_written_only_when_asked()
    {
        if (Environment.GetEnvironmentVariable(GoldenFiles.WriteVariable) != "1") return;
        foreach (var (manifest, sample) in Samples.All)
            GoldenFiles.WriteMissing(manifest, fixture.Serializer.ToBinary(sample));
    }

    /// <summary>Every manifest in the event table (current and retired) and of every concrete journaled type.</summary>
    private IEnumerable<string> KnownManifests()
    {
        var journaled = new[] { typeof(IJournaled).Assembly, typeof(Actors.BerthSerializer).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(IJournaled).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });
        return JournalManifests.All.Select(e => e.Manifest)
            .Concat(journaled.Select(t => fixture.Serializer.Manifest(RuntimeHelpers.GetUninitializedObject(t))))
            .Distinct();
    }
}
