namespace RepitBot.Host.LocalChat;

/// <summary>
/// The local chat of this process: the bot's token on the built-in Bot API server (random per start, never printed or
/// logged), and the page's URL the start log prints.
/// </summary>
internal sealed record LocalChatPlan(string Token, string ChatUrl)
{
    public override string ToString() => $"LocalChatPlan {{ ChatUrl = {ChatUrl} }}";
}
