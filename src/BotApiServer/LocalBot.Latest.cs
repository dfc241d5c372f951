namespace RepitBot.BotApiServer;

/// <summary>
/// The newest message of a chat without copying the chat: a load tool waits for each answer, and a waiter wakes on every
/// change of the bot, so what it reads must not grow with the conversation (<see cref="LocalBot.Messages"/> copies it all).
/// </summary>
public sealed partial class LocalBot
{
    public LocalChatMessage? LastMessage(long chatId)
    {
        lock (gate)
        {
            return chats.TryGetValue(chatId, out var chat) && chat.Messages.Count > 0 ? chat.Messages[^1].Snapshot(chatId) : null;
        }
    }
}
