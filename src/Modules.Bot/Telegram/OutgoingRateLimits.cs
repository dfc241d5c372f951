using System.Threading.RateLimiting;

namespace RepitBot.Modules.Bot.Telegram;

/// <summary>
/// Telegram's limits for what a bot sends: about 30 messages a second overall and about one a second per chat, with a
/// short burst allowed. A message waits for its turn instead of being refused.
/// </summary>
internal sealed class OutgoingRateLimits : IAsyncDisposable
{
    public const int ChatBurst = 3;
    private readonly TokenBucketRateLimiter overall;
    private readonly PartitionedRateLimiter<long> perChat;

    public OutgoingRateLimits(BotSettings settings)
    {
        overall = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.MessagesPerSecond,
            TokensPerPeriod = settings.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        perChat = PartitionedRateLimiter.Create<long, long>(chatId => RateLimitPartition.GetTokenBucketLimiter(chatId, _ => new TokenBucketRateLimiterOptions
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
        using var chatLease = await perChat.AcquireAsync(chatId, 1, cancellationToken);
        using var overallLease = await overall.AcquireAsync(1, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await overall.DisposeAsync();
        await perChat.DisposeAsync();
    }
}
