using System.Threading.RateLimiting;

namespace RepitBot.Modules.Bot.Telegram;

/// <summary>
/// Telegram's limits for what a bot sends: about 30 messages a second overall and about one a second per chat, with a
/// short burst allowed. A message waits for its turn instead of being refused. A limit set to 0 is off: for a Bot API
/// server that applies no such limits, or applies its own.
/// </summary>
internal sealed class OutgoingRateLimits : IAsyncDisposable
{
    public const int ChatBurst = 3;
    private readonly TokenBucketRateLimiter? overall;
    private readonly PartitionedRateLimiter<long>? perChat;

    public OutgoingRateLimits(BotSettings settings)
    {
        overall = settings.MessagesPerSecond == 0 ? null : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.MessagesPerSecond,
            TokensPerPeriod = settings.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        perChat = settings.ChatMessagesPerSecond == 0 ? null : PartitionedRateLimiter.Create<long, long>(chatId => RateLimitPartition.GetTokenBucketLimiter(chatId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(ChatBurst, settings.ChatMessagesPerSecond),
            TokensPerPeriod = settings.ChatMessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }

    public async Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        if (perChat is not null)
        {
            using var chatLease = await perChat.AcquireAsync(chatId, 1, cancellationToken);
        }

        if (overall is not null)
        {
            using var overallLease = await overall.AcquireAsync(1, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (overall is not null)
        {
            await overall.DisposeAsync();
        }

        if (perChat is not null)
        {
            await perChat.DisposeAsync();
        }
    }
}
