using System.Runtime.InteropServices;

namespace Berth.Torture;

/// <summary>The one libc call cleanup needs that .NET does not offer.</summary>
internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);
}
