using Microsoft.Extensions.Configuration;

namespace RepitBot.Shared.Tests;

/// <summary>Flat settings as the host reads them, built in memory.</summary>
internal static class TestConfiguration
{
    public static IConfiguration With(params (string Name, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Name, setting.Value)))
            .Build();
}
