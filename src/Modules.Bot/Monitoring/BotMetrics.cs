using Prometheus;
using RepitBot.Shared.Platform.Monitoring;

namespace RepitBot.Modules.Bot.Monitoring;

/// <summary>The bot's metrics, in the host's registry at /metrics.</summary>
internal sealed class BotMetrics
{
    /// <summary>
    /// Bot API error codes the bot meets in normal operation (bad request, token refused, blocked by the person,
    /// another poller or a webhook, too many requests). Their series are published at 0 from the start, so that the
    /// dashboard and a rate() see them before the first error rather than from it.
    /// </summary>
    private static readonly string[] CommonApiErrorCodes = ["400", "401", "403", "409", "429"];

    public BotMetrics(ModuleMetrics metrics)
    {
        Updates = metrics.Factory.CreateCounter("repitbot_bot_updates_total", "Updates handled, by type and outcome (ok, cancelled, failed).", ["type", "outcome"]);
        HandlerSeconds = metrics.Factory.CreateHistogram("repitbot_bot_handler_duration_seconds", "Time to handle one update, by type.", new HistogramConfiguration
        {
            LabelNames = ["type"],
            Buckets = Histogram.ExponentialBuckets(0.005, 2, 12),
        });
        MessagesSent = metrics.Factory.CreateCounter("repitbot_bot_messages_sent_total", "Messages sent or edited by the bot, by method.", ["method"]);
        ApiErrors = metrics.Factory.CreateCounter("repitbot_bot_api_errors_total", "Bot API errors, by error code.", ["code"]);
        ActiveDialogues = metrics.Factory.CreateGauge("repitbot_bot_active_dialogues", "Chats in the middle of a dialogue, as this instance saw them.");
        QueuedUpdates = metrics.Factory.CreateGauge("repitbot_bot_queued_updates", "Updates received and not yet handled.");
        foreach (var code in CommonApiErrorCodes)
        {
            ApiErrors.WithLabels(code);
        }
    }

    public Counter Updates { get; }

    public Histogram HandlerSeconds { get; }

    public Counter MessagesSent { get; }

    public Counter ApiErrors { get; }

    public Gauge ActiveDialogues { get; }

    public Gauge QueuedUpdates { get; }
}
