using System.Collections.Concurrent;
using RepitBot.Modules.Bot.Monitoring;
using RepitBot.Shared.Platform.Monitoring;

namespace RepitBot.Modules.Bot.State;

/// <summary>
/// The chats this instance saw start a dialogue, each until it ends or its lifetime is over, for the active-dialogues
/// gauge: counted when /metrics is read, so an abandoned dialogue stops counting when it expires, not at the next
/// update. The store stays the truth about each dialogue; this is only the count.
/// </summary>
internal sealed class ActiveDialogues
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> expiries = new();
    private readonly TimeProvider clock;

    public ActiveDialogues(BotMetrics metrics, ModuleMetrics registry, TimeProvider clock)
    {
        this.clock = clock;
        registry.Registry.AddBeforeCollectCallback(() => metrics.ActiveDialogues.Set(Count));
    }

    public int Count
    {
        get
        {
            var now = clock.GetUtcNow();
            foreach (var (chatId, expiresAt) in expiries)
            {
                if (expiresAt <= now)
                {
                    expiries.TryRemove(KeyValuePair.Create(chatId, expiresAt));
                }
            }

            return expiries.Count;
        }
    }

    public void Saved(long chatId, TimeSpan lifetime) => expiries[chatId] = clock.GetUtcNow() + lifetime;

    public void Ended(long chatId) => expiries.TryRemove(chatId, out _);
}
