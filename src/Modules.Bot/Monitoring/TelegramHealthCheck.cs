using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RepitBot.Modules.Bot.Updates;
using global::Telegram.Bot;

namespace RepitBot.Modules.Bot.Monitoring;

/// <summary>Whether Telegram (or the configured Bot API server) answers getMe, and how this instance gets updates.</summary>
internal sealed class TelegramHealthCheck(IServiceScopeFactory scopes, BotRuntimeState runtime, UpdateQueue queue) : IHealthCheck
{
    public const string Name = "telegram";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["mode"] = runtime.Mode, ["queued_updates"] = queue.Pending };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var me = await scope.ServiceProvider.GetRequiredService<ITelegramBotClient>().GetMe(cancellationToken);
            return HealthCheckResult.Healthy($"@{me.Username}, {runtime.Mode}", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the Bot API does not answer getMe ({e.GetType().Name}); {runtime.Mode}", data: data);
        }
    }
}
