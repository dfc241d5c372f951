using Prometheus;
using RepitBot.Shared.Platform.Monitoring;

namespace RepitBot.Modules.Bot.Monitoring;

/// <summary>The bot's metrics, in the host's registry at /metrics.</summary>
internal sealed class BotMetrics(ModuleMetrics metrics)
{
    public Counter Updates { get; } = metrics.Factory.CreateCounter("repitbot_bot_updates_total", "Updates handled, by type and outcome (ok, failed).", ["type", "outcome"]);

    public Histogram HandlerSeconds { get; } = metrics.Factory.CreateHistogram("repitbot_bot_handler_seconds", "Time to handle one update.", new HistogramConfiguration
    {
        LabelNames = ["type"],
        Buckets = Histogram.ExponentialBuckets(0.005, 2, 12),
    });

    public Counter MessagesSent { get; } = metrics.Factory.CreateCounter("repitbot_bot_messages_sent_total", "Messages sent or edited by the bot.", ["method"]);

    public Counter ApiErrors { get; } = metrics.Factory.CreateCounter("repitbot_bot_api_errors_total", "Bot API errors, by error code.", ["code"]);

    public Gauge ActiveDialogues { get; } = metrics.Factory.CreateGauge("repitbot_bot_active_dialogues", "Chats in the middle of a dialogue, as this instance saw them.");

    public Gauge QueuedUpdates { get; } = metrics.Factory.CreateGauge("repitbot_bot_queued_updates", "Updates received and not yet handled.");
}
