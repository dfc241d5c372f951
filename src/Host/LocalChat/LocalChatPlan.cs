namespace RepitBot.Host.LocalChat;

/// <summary>
/// The local chat of this process: the bot's token on the built-in Bot API server (random per start, never printed or
/// logged), the page's URL the start log prints, and whether the environment is Development (no address check).
/// </summary>
internal sealed record LocalChatPlan(string Token, string ChatUrl, bool IsDevelopment)
{
    public override string ToString() => $"LocalChatPlan {{ ChatUrl = {ChatUrl}, IsDevelopment = {IsDevelopment} }}";
}
