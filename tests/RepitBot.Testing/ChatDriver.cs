using System.Text.RegularExpressions;
using RepitBot.BotApiServer;

namespace RepitBot.Testing;

/// <summary>
/// A person in a chat with the bot on a local Bot API server: types, presses buttons by their text, and waits (with a
/// deadline) for the bot's answer, a new message or an edit, as they would see it.
/// </summary>
public sealed partial class ChatDriver(LocalBot bot, LocalPerson person)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public LocalPerson Person { get; } = person;

    public LocalBot Bot { get; } = bot;

    public IReadOnlyList<LocalChatMessage> Messages => Bot.Messages(Person.Id);

    /// <summary>The bot's latest message still in the chat.</summary>
    public LocalChatMessage LastFromBot => Messages.Last(message => message.FromBot && !message.IsDeleted);

    /// <summary>Types a message and waits for a bot message (new or edited) containing <paramref name="expected"/>.</summary>
    public async Task<LocalChatMessage> SendAsync(string text, string expected)
    {
        var before = Seen();
        Bot.SendText(Person, text);
        return await WaitForAsync(expected, before);
    }

    /// <summary>Presses the newest button with this text and waits for a bot message containing <paramref name="expected"/>.</summary>
    public async Task<LocalChatMessage> PressAsync(string buttonText, string expected)
    {
        var message = Messages.LastOrDefault(m => m.FromBot && !m.IsDeleted && m.Button(buttonText) is not null)
            ?? throw new InvalidOperationException($"No button '{buttonText}' in the chat:\n{Transcript()}");
        var before = Seen();
        Bot.PressButton(Person, message.MessageId, message.Button(buttonText)!.CallbackData!);
        return await WaitForAsync(expected, before);
    }

    /// <summary>Presses a button carrying any data, as a modified client could, under the bot's latest message.</summary>
    public async Task<LocalChatMessage> PressForgedAsync(string callbackData, string expected)
    {
        var before = Seen();
        Bot.PressButton(Person, LastFromBot.MessageId, callbackData);
        return await WaitForAsync(expected, before);
    }

    /// <summary>The callback data of the newest button with this text.</summary>
    public string CallbackOf(string buttonText) =>
        Messages.Last(m => m.FromBot && !m.IsDeleted && m.Button(buttonText) is not null).Button(buttonText)!.CallbackData!;

    public async Task<LocalChatMessage> WaitForAsync(string expected, IReadOnlyDictionary<int, int>? before = null)
    {
        before ??= new Dictionary<int, int>();
        try
        {
            return await Bot.WaitAsync(
                b => b.Messages(Person.Id).LastOrDefault(m => m.FromBot && !m.IsDeleted && IsNew(m, before) && m.Text.Contains(expected, StringComparison.Ordinal)),
                Timeout,
                $"a bot message containing '{expected}'");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nChat of {Person.FirstName}:\n{Transcript()}", e);
        }
    }

    /// <summary>The access codes a message shows, as printed.</summary>
    public static IReadOnlyList<string> CodesIn(LocalChatMessage message) =>
        [.. AccessCodePattern().Matches(message.Text).Select(match => match.Value)];

    public string Transcript() => string.Join('\n', Messages.Select(m =>
        $"{(m.FromBot ? "bot" : "person")}#{m.MessageId}{(m.IsDeleted ? " (deleted)" : string.Empty)}: {m.Text}" +
        (m.InlineKeyboard.Count > 0 ? " [" + string.Join(" | ", m.InlineKeyboard.SelectMany(row => row).Select(b => b.Text)) + "]" : string.Empty)));

    private Dictionary<int, int> Seen() => Messages.ToDictionary(m => m.MessageId, m => m.EditCount);

    private static bool IsNew(LocalChatMessage message, IReadOnlyDictionary<int, int> before) =>
        !before.TryGetValue(message.MessageId, out var edits) || message.EditCount > edits;

    [GeneratedRegex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex AccessCodePattern();
}
