using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Flags;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// Decides, on every call, which implementation of a module's contract serves it: in process, remote, or remote with
/// an in-process fallback on a transient failure. The only place that choice is made, for every module.
/// </summary>
public sealed partial class ModuleRouter
{
    private readonly IServiceProvider services;
    private readonly IServiceProviderIsKeyedService registered;
    private readonly IFeatureManager features;
    private readonly RoutingMetrics metrics;
    private readonly ILogger<ModuleRouter> logger;
    private string? checkedToken;

    internal ModuleRouter(IServiceProvider services, IFeatureManager features, RoutingMetrics metrics, ILogger<ModuleRouter> logger)
    {
        this.services = services;
        registered = services.GetRequiredService<IServiceProviderIsKeyedService>();
        this.features = features;
        this.metrics = metrics;
        this.logger = logger;
    }

    internal async Task<ModuleMode> ModeOfAsync(string module)
    {
        if (!await features.IsEnabledAsync(FlagNames.EnableMicroservicesFor(module)))
        {
            return ModuleMode.Monolith;
        }

        return await features.IsEnabledAsync(FlagNames.FallbackToMonolithFor(module)) ? ModuleMode.Hybrid : ModuleMode.Microservices;
    }

    /// <summary>
    /// Serves one call made for <paramref name="caller"/> (null for a call that names nobody yet, such as a login).
    /// A person's call must carry their token in every mode, not only when it goes remote: code written and tested
    /// with the module in process must not start failing when an admin moves the module out.
    /// </summary>
    public async Task<Result<T>> CallAsync<TContract, T>(string module, Caller? caller, CallKind kind, Func<TContract, Task<Result<T>>> call)
        where TContract : class
    {
        if (caller is not null && new OutgoingCall(caller).MissingCredential is { } missing)
        {
            return missing;
        }

        // Only asked whether each implementation exists: resolving one builds its whole graph (every handler of the
        // module, or an HTTP client), which cost more than the rest of a read. The one that serves is resolved below.
        var hasLocal = registered.IsKeyedService(typeof(TContract), ModuleImplementation.Local);
        var hasRemote = registered.IsKeyedService(typeof(TContract), ModuleImplementation.Remote);
        var mode = !hasRemote ? ModuleMode.Monolith : !hasLocal ? ModuleMode.Microservices : await ModeOfAsync(module);

        if (mode == ModuleMode.Monolith)
        {
            var local = hasLocal ? services.GetRequiredKeyedService<TContract>(ModuleImplementation.Local) : throw new InvalidOperationException($"Module '{module}' has no implementation here.");
            return Count(module, "local", await RefusalOfUncheckedAsync(caller) ?? await call(local));
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var answer = await call(services.GetRequiredKeyedService<TContract>(ModuleImplementation.Remote));
            metrics.RemoteLatency.WithLabels(module, "answered").Observe(watch.Elapsed.TotalSeconds);
            return Count(module, "remote", answer);
        }
        catch (RemoteModuleUnavailableException e)
        {
            metrics.RemoteLatency.WithLabels(module, "unavailable").Observe(watch.Elapsed.TotalSeconds);
            if (mode == ModuleMode.Hybrid && hasLocal && (kind != CallKind.Write || e.CertainlyNotDone))
            {
                LogFallback(logger, module, e.Reason);
                return Count(module, "fallback", await RefusalOfUncheckedAsync(caller) ?? await call(services.GetRequiredKeyedService<TContract>(ModuleImplementation.Local)));
            }

            LogUnavailable(logger, module, e.Reason, mode);
            metrics.Calls.WithLabels(module, "remote", "unavailable").Inc();
            var detail = $"The {module} service is unavailable right now; try again shortly.";
            return e.CertainlyNotDone ? ModuleError.UnavailableNothingDone(detail) : ModuleError.Unavailable(detail);
        }
    }

    /// <summary>
    /// A module in process trusts its caller, so a person whose session nobody here has checked (a token the bot keeps)
    /// is checked first, once per scope: an ended session is refused as a remote module refuses it (401), and when
    /// nobody can tell right now (Auth unreachable, its key refused) the call is not made (unavailable), as a remote
    /// module answers 503 then: no logout, and no in-process call for a session nobody vouched for.
    /// </summary>
    private async Task<ModuleError?> RefusalOfUncheckedAsync(Caller? caller)
    {
        if (caller is not { SessionUnchecked: true, AccessToken: { } token } || token == checkedToken)
        {
            return null;
        }

        var check = services.GetService<IPersonSessionCheck>();
        var state = check is null ? SessionState.Ended : await check.CheckAsync(token, CancellationToken.None);
        if (state == SessionState.Ended)
        {
            return new ModuleError(ErrorKind.Unauthorized, "The session has ended.");
        }

        if (state == SessionState.Unknown)
        {
            return ModuleError.UnavailableNothingDone("The session cannot be checked right now; try again shortly.");
        }

        checkedToken = token;
        return null;
    }

    private Result<T> Count<T>(string module, string path, Result<T> result)
    {
        metrics.Calls.WithLabels(module, path, result.IsSuccess ? "success" : "error").Inc();
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Module} service failed ({Reason}); served in process")]
    private static partial void LogFallback(ILogger logger, string module, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Module} service failed ({Reason}); no fallback in mode {Mode}")]
    private static partial void LogUnavailable(ILogger logger, string module, string reason, ModuleMode mode);
}
