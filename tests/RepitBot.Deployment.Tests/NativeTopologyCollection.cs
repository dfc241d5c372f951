namespace RepitBot.Deployment.Tests;

/// <summary>The test classes that share one native topology (it takes a while to start).</summary>
[CollectionDefinition(Name)]
public sealed class NativeTopologyCollection : ICollectionFixture<NativeTopology>
{
    public const string Name = "native topology";
}
