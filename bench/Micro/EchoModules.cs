using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Bench.Micro;

/// <summary>A module contract with one call that does no work of its own, so only the routing is measured.</summary>
public interface IEchoModule
{
    Task<Result<long>> EchoAsync(Caller caller, long value);
}

internal sealed class LocalEchoModule : IEchoModule
{
    public Task<Result<long>> EchoAsync(Caller caller, long value) => Task.FromResult<Result<long>>(value);
}

internal sealed class UnreachableEchoModule : IEchoModule
{
    public Task<Result<long>> EchoAsync(Caller caller, long value) => throw new InvalidOperationException("The flags say monolith: the remote is never called.");
}

internal sealed class RoutedEchoModule(ModuleRouter router) : IEchoModule
{
    public const string Name = "Bench";

    public Task<Result<long>> EchoAsync(Caller caller, long value) =>
        router.CallAsync<IEchoModule, long>(Name, caller, CallKind.Read, module => module.EchoAsync(caller, value));
}
