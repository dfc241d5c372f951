using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Modules;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Bench.Micro;

/// <summary>
/// The module router's own cost on an in-process call: the same call made directly on the in-process implementation,
/// and through the routed contract as every module resolves it (credential check, both implementations looked up,
/// both deployment flags read, the call counted). A remote implementation is registered so the flags are really read;
/// they say monolith, so it is never called. Wired by the platform's public registration, as a module does.
/// </summary>
public class RouterBenchmarks
{
    private static readonly Caller Caller = Caller.Service("bench");
    private ServiceProvider? provider;
    private AsyncServiceScope scope;
    private IEchoModule direct = null!;
    private IEchoModule routed = null!;
    private string? folder;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("repitbot-bench-router-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PLATFORM_DATABASE_URL"] = $"sqlite:///{Path.Combine(folder, "platform.db")}",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddModuleRouting(configuration);
        services.AddRoutedModule<IEchoModule, RoutedEchoModule>(RoutedEchoModule.Name);
        services.AddKeyedScoped<IEchoModule, LocalEchoModule>(ModuleImplementation.Local);
        services.AddKeyedScoped<IEchoModule, UnreachableEchoModule>(ModuleImplementation.Remote);
        provider = services.BuildServiceProvider();

        foreach (var migrator in provider.GetServices<IModuleDatabaseMigrator>())
        {
            migrator.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        scope = provider.CreateAsyncScope();
        direct = scope.ServiceProvider.GetRequiredKeyedService<IEchoModule>(ModuleImplementation.Local);
        routed = scope.ServiceProvider.GetRequiredService<IEchoModule>();
        if (routed.EchoAsync(Caller, 1).GetAwaiter().GetResult().Value != 1)
        {
            throw new InvalidOperationException("The routed call did not reach the in-process implementation.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        provider?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public Task<Result<long>> DirectCall() => direct.EchoAsync(Caller, 1);

    [Benchmark]
    public Task<Result<long>> RoutedCall() => routed.EchoAsync(Caller, 1);
}
