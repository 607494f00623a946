namespace Berth.Torture;

/// <summary>
/// The temp directories one torture run owns. Short (conmon's attach socket path must stay under 108 bytes).
/// </summary>
internal sealed record TortureRoots(string Root)
{
    public static TortureRoots Create()
    {
        var roots = new TortureRoots(Path.Combine("/tmp", "tt" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(roots.DataRoot);
        Directory.CreateDirectory(roots.ExecRoot);
        return roots;
    }

    public string DataRoot => Path.Combine(Root, "data");
    public string ExecRoot => Path.Combine(Root, "run");
    public string Socket => Path.Combine(ExecRoot, "berth.sock");
    public string DaemonOutput => Path.Combine(Root, "daemon.out");
    public string LogDirectory => Path.Combine(DataRoot, "logs");
    public string OverlayRoot => Path.Combine(DataRoot, "overlay");
    public string NetnsDir => Path.Combine(ExecRoot, "netns");
    public string BundleRoot => Path.Combine(ExecRoot, "containers");
}
