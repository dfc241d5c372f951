namespace RepitBot.BotApiServer;

/// <summary>
/// One message of a chat as a person sees it now. <see cref="Text"/> is what is shown (the parse mode's markup taken
/// out), <see cref="SentText"/> what the bot sent. <see cref="ReplyKeyboard"/> is the reply keyboard this message put
/// up (null when it left the keyboard as it was; empty when it removed it).
/// </summary>
public sealed record LocalChatMessage(
    int MessageId,
    long ChatId,
    bool FromBot,
    string Text,
    string SentText,
    string? ParseMode,
    IReadOnlyList<IReadOnlyList<LocalButton>> InlineKeyboard,
    IReadOnlyList<IReadOnlyList<LocalButton>>? ReplyKeyboard,
    bool IsDeleted,
    int EditCount,
    DateTime Date)
{
    /// <summary>The inline button with this text, if the message has one.</summary>
    public LocalButton? Button(string text) =>
        InlineKeyboard.SelectMany(row => row).FirstOrDefault(button => string.Equals(button.Text, text, StringComparison.Ordinal));
}
