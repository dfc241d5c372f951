namespace RepitBot.LocalChat.Tests;

/// <summary>The browser tests share one Chromium and run one after another in it.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
