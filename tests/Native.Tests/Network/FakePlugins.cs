namespace Berth.Native.Tests.Network;

/// <summary>A temp directory of shell-script CNI plugins; removed on dispose.</summary>
internal sealed class FakePlugins : IDisposable
{
    public FakePlugins()
    {
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "berth-fake-cni-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A file plugins may append to, to show the order they ran in.</summary>
    public string LogPath => Path.Combine(Dir, "calls.log");

    public void Add(string type, string script)
    {
        var path = Path.Combine(Dir, type);
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
