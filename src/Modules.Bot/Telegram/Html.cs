using System.Text;

namespace RepitBot.Modules.Bot.Telegram;

/// <summary>
/// The bot writes in Telegram's HTML parse mode; whatever a person typed (a name with <c>&lt;</c>, <c>_</c> or
/// <c>*</c>) goes through <see cref="Escape"/> so it is shown as typed and never breaks a message.
/// </summary>
internal static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
