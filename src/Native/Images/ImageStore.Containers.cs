using Berth.Native.Storage;

namespace Berth.Native.Images;

public sealed partial class ImageStore
{
    /// <summary>
    /// Records that a container's RW layer is made from the image <paramref name="reference"/> names
    /// and takes the container's references on its layers. Idempotent: a second call returns the
    /// first record. The record is written before the references (journal the intent first).
    /// </summary>
    internal async Task<ContainerImageRecord> AcquireForContainerAsync(string containerId, string reference, CancellationToken cancellationToken)
    {
        CheckContainerId(containerId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _state;
            if (!state.Containers.TryGetValue(containerId, out var record))
            {
                var image = state.Resolve(reference).Image;
                record = new ContainerImageRecord(containerId, image.Id, image.ChainIds);
                AtomicFile.WriteJson(ContainerPath(containerId), record, RecordJson);
                _state = state with { Containers = state.Containers.SetItem(containerId, record) };
            }
            foreach (var chainId in record.ChainIds) Layers.AddReference(chainId, ContainerOwner(containerId));
            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The container's image record, or null if it holds none.</summary>
    internal ContainerImageRecord? ContainerRecord(string containerId) =>
        _state.Containers.TryGetValue(containerId, out var record) ? record : null;

    /// <summary>
    /// Drops the container's layer references (deleting layers no image or container uses any
    /// more), then its record. Idempotent.
    /// </summary>
    internal async Task ReleaseContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        CheckContainerId(containerId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _state;
            if (!state.Containers.TryGetValue(containerId, out var record)) return;
            foreach (var chainId in record.ChainIds.Reverse()) Layers.RemoveReference(chainId, ContainerOwner(containerId));
            File.Delete(ContainerPath(containerId));
            _state = state with { Containers = state.Containers.Remove(containerId) };
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static void CheckContainerId(string containerId)
    {
        if (!ContainerIdPattern().IsMatch(containerId))
            throw new StorageException(StorageErrorKind.InvalidParameter, $"invalid container id \"{containerId}\"");
    }
}
