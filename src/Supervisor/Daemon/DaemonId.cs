namespace Berth.Supervisor.Daemon;

/// <summary>The daemon's stable identity (Docker's <c>info.ID</c>), made once and kept under the data root.</summary>
internal static class DaemonId
{
    public static string LoadOrCreate(string dataRoot)
    {
        var path = Path.Combine(dataRoot, "engine-id");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var id = Guid.NewGuid().ToString();
        File.WriteAllText(path, id);
        return id;
    }
}
