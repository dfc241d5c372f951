using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace RepitBot.Shared.Platform.Redis;

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("Redis answers.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer; features that use it run on their in-process fallbacks.");
        }
    }
}
