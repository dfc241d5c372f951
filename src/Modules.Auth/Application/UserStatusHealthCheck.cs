using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// Says on /health when tokens were lately checked against their users' last known status because Users could not be
/// asked: the host still serves, but a deactivation made meanwhile is not seen until Users answers again.
/// </summary>
internal sealed class UserStatusHealthCheck(UserStatusCache cache, TimeProvider clock) : IHealthCheck
{
    public const string Name = "user_status";
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(cache.LastStaleAnswer is { } last && clock.GetUtcNow() - last < Recent
            ? new HealthCheckResult(context.Registration.FailureStatus, $"Users does not answer: tokens are checked against their users' last known status (at most {cache.MaxStaleness.TotalSeconds:0} s old).")
            : HealthCheckResult.Healthy("Token checks use fresh user status."));
}
