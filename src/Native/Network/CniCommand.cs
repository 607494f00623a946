namespace Berth.Native.Network;

/// <summary>The CNI operations berth issues (CNI_COMMAND). GC and STATUS are not used.</summary>
public enum CniCommand
{
    Add,
    Del,
    Check,
    Version,
}
