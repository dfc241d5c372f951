using System.Globalization;
using System.Text.Json;

namespace RepitBot.Modules.Bot.State;

/// <summary>Each chat's current dialogue, in the state store with the configured lifetime (TELEGRAM_DIALOGUE_TTL_SECONDS).</summary>
internal sealed class DialogueStore(IBotStateStore store, BotSettings settings, ActiveDialogues active)
{
    public async Task<Dialogue?> GetAsync(long chatId, CancellationToken cancellationToken)
    {
        var json = await store.GetAsync(Key(chatId), cancellationToken);
        if (json is null)
        {
            active.Ended(chatId);
            return null;
        }

        return JsonSerializer.Deserialize<Dialogue>(json);
    }

    public async Task SaveAsync(long chatId, Dialogue dialogue, CancellationToken cancellationToken)
    {
        await store.SetAsync(Key(chatId), JsonSerializer.Serialize(dialogue), settings.DialogueLifetime, cancellationToken);
        active.Saved(chatId, settings.DialogueLifetime);
    }

    public async Task EndAsync(long chatId, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(Key(chatId), cancellationToken);
        active.Ended(chatId);
    }

    private static string Key(long chatId) => "dialogue:" + chatId.ToString(CultureInfo.InvariantCulture);
}
