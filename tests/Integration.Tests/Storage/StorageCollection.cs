namespace Berth.Integration.Tests.Storage;

/// <summary>The storage tests share one set of test images (made once) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<TestImagesFixture>
{
    public const string Name = "storage";
}
