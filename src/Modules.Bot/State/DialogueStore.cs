using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using RepitBot.Modules.Bot.Monitoring;

namespace RepitBot.Modules.Bot.State;

/// <summary>Each chat's current dialogue, in the state store with the configured lifetime.</summary>
internal sealed class DialogueStore(IBotStateStore store, BotSettings settings, BotMetrics metrics)
{
    // The chats this instance saw in a dialogue, for the gauge; the store itself is the truth.
    private static readonly ConcurrentDictionary<long, byte> Active = new();

    public async Task<Dialogue?> GetAsync(long chatId, CancellationToken cancellationToken)
    {
        var json = await store.GetAsync(Key(chatId), cancellationToken);
        if (json is null)
        {
            Forget(chatId);
            return null;
        }

        return JsonSerializer.Deserialize<Dialogue>(json);
    }

    public async Task SaveAsync(long chatId, Dialogue dialogue, CancellationToken cancellationToken)
    {
        await store.SetAsync(Key(chatId), JsonSerializer.Serialize(dialogue), settings.DialogueLifetime, cancellationToken);
        Active[chatId] = 0;
        metrics.ActiveDialogues.Set(Active.Count);
    }

    public async Task EndAsync(long chatId, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(Key(chatId), cancellationToken);
        Forget(chatId);
    }

    private void Forget(long chatId)
    {
        if (Active.TryRemove(chatId, out _))
        {
            metrics.ActiveDialogues.Set(Active.Count);
        }
    }

    private static string Key(long chatId) => "dialogue:" + chatId.ToString(CultureInfo.InvariantCulture);
}
