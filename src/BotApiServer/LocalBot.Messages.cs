using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.BotApiServer;

/// <summary>The messages of the local bot: sending, editing, deleting, callbacks, and the chats that keep them.</summary>
public sealed partial class LocalBot
{
    private Message SendMessage(BotApiArguments arguments)
    {
        var chat = ExistingChat(arguments.RequiredLong("chat_id"));
        var (text, shown, parseMode) = ReadText(arguments);
        var stored = new StoredMessage { FromBot = true, Text = shown, SentText = text, ParseMode = parseMode, Date = DateTime.UtcNow };
        var markup = arguments.Object("reply_markup");
        if (markup is { } value)
        {
            if (value.TryGetProperty("inline_keyboard", out var inline))
            {
                stored.InlineKeyboard = ReadKeyboard(inline);
            }
            else if (value.TryGetProperty("keyboard", out var keyboard))
            {
                stored.ReplyKeyboard = ReadKeyboard(keyboard);
                chat.ReplyKeyboard = stored.ReplyKeyboard;
            }
            else if (value.TryGetProperty("remove_keyboard", out _))
            {
                stored.ReplyKeyboard = [];
                chat.ReplyKeyboard = null;
            }
        }

        chat.Add(stored);
        return ToMessage(chat, stored);
    }

    private Message EditMessageText(BotApiArguments arguments)
    {
        var chat = ExistingChat(arguments.RequiredLong("chat_id"));
        var stored = chat.Find((int)arguments.RequiredLong("message_id"));
        if (stored is null || !stored.FromBot)
        {
            throw BotApiError.BadRequest(stored is null ? "message to edit not found" : "message can't be edited");
        }

        var (text, shown, parseMode) = ReadText(arguments);
        var keyboard = arguments.Object("reply_markup") is { } markup && markup.TryGetProperty("inline_keyboard", out var inline) ? ReadKeyboard(inline) : [];
        if (stored.SentText == text && stored.ParseMode == parseMode && SameKeyboard(stored.InlineKeyboard, keyboard))
        {
            throw BotApiError.BadRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        }

        (stored.Text, stored.SentText, stored.ParseMode, stored.InlineKeyboard) = (shown, text, parseMode, keyboard);
        stored.EditCount++;
        return ToMessage(chat, stored);
    }

    private Message EditMessageReplyMarkup(BotApiArguments arguments)
    {
        var chat = ExistingChat(arguments.RequiredLong("chat_id"));
        var stored = chat.Find((int)arguments.RequiredLong("message_id")) ?? throw BotApiError.BadRequest("message to edit not found");
        var keyboard = arguments.Object("reply_markup") is { } markup && markup.TryGetProperty("inline_keyboard", out var inline) ? ReadKeyboard(inline) : [];
        if (SameKeyboard(stored.InlineKeyboard, keyboard))
        {
            throw BotApiError.BadRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        }

        stored.InlineKeyboard = keyboard;
        stored.EditCount++;
        return ToMessage(chat, stored);
    }

    private bool AnswerCallbackQuery(BotApiArguments arguments)
    {
        var id = arguments.String("callback_query_id") ?? throw BotApiError.BadRequest("callback_query_id is empty");
        if (!openCallbackQueries.Remove(id, out var chatId))
        {
            throw BotApiError.BadRequest("query is too old and response timeout expired or query ID is invalid");
        }

        answers.Add(new LocalCallbackAnswer(id, chatId, arguments.String("text"), arguments.Boolean("show_alert")));
        return true;
    }

    private bool DeleteMessage(BotApiArguments arguments)
    {
        var chat = ExistingChat(arguments.RequiredLong("chat_id"));
        var stored = chat.Find((int)arguments.RequiredLong("message_id"));
        if (stored is null || stored.IsDeleted)
        {
            throw BotApiError.BadRequest("message to delete not found");
        }

        stored.IsDeleted = true;
        return true;
    }

    private static (string Text, string Shown, string? ParseMode) ReadText(BotApiArguments arguments)
    {
        var text = arguments.String("text");
        if (string.IsNullOrEmpty(text))
        {
            throw BotApiError.BadRequest("message text is empty");
        }

        var parseMode = arguments.String("parse_mode");
        var shown = EntityParser.Parse(text, parseMode, out var error) ?? throw new BotApiError(400, error!);
        if (shown.Length > 4096)
        {
            throw BotApiError.BadRequest("message is too long");
        }

        if (string.IsNullOrWhiteSpace(shown))
        {
            throw BotApiError.BadRequest("message text is empty");
        }

        return (text, shown, parseMode);
    }

    private static List<IReadOnlyList<LocalButton>> ReadKeyboard(JsonElement rows)
    {
        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw BotApiError.BadRequest("can't parse reply keyboard markup JSON object");
        }

        var keyboard = new List<IReadOnlyList<LocalButton>>();
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
            {
                throw BotApiError.BadRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
            }

            var buttons = new List<LocalButton>();
            foreach (var button in row.EnumerateArray())
            {
                if (button.ValueKind == JsonValueKind.String)
                {
                    buttons.Add(new LocalButton(button.GetString()!));
                    continue;
                }

                var text = button.TryGetProperty("text", out var t) ? t.GetString() : null;
                if (string.IsNullOrEmpty(text))
                {
                    throw BotApiError.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
                }

                var data = button.TryGetProperty("callback_data", out var d) ? d.GetString() : null;
                if (data is not null && Encoding.UTF8.GetByteCount(data) > 64)
                {
                    throw BotApiError.BadRequest("BUTTON_DATA_INVALID");
                }

                buttons.Add(new LocalButton(text, data, button.TryGetProperty("url", out var u) ? u.GetString() : null));
            }

            keyboard.Add(buttons);
        }

        return keyboard;
    }

    private static bool SameKeyboard(IReadOnlyList<IReadOnlyList<LocalButton>> left, IReadOnlyList<IReadOnlyList<LocalButton>> right) =>
        left.Count == right.Count && left.Zip(right).All(pair => pair.First.SequenceEqual(pair.Second));

    private ChatState ExistingChat(long chatId) =>
        chats.TryGetValue(chatId, out var chat) ? chat : throw BotApiError.BadRequest("chat not found");

    private ChatState ChatOf(long chatId, LocalPerson person)
    {
        if (!chats.TryGetValue(chatId, out var chat))
        {
            chat = new ChatState(chatId);
            chats[chatId] = chat;
        }

        chat.Person = person;
        return chat;
    }

    private Message ToMessage(ChatState chat, StoredMessage stored) => new()
    {
        Id = stored.MessageId,
        Date = stored.Date,
        Chat = chat.ToChat(),
        From = stored.FromBot ? User : ToUser(chat.Person!),
        Text = stored.Text,
        ReplyMarkup = stored.InlineKeyboard.Count == 0
            ? null
            : new InlineKeyboardMarkup(stored.InlineKeyboard.Select(row => row.Select(button => button.Url is not null
                ? InlineKeyboardButton.WithUrl(button.Text, button.Url)
                : InlineKeyboardButton.WithCallbackData(button.Text, button.CallbackData ?? string.Empty)))),
    };

    private static User ToUser(LocalPerson person) => new()
    {
        Id = person.Id,
        IsBot = false,
        FirstName = person.FirstName,
        LastName = person.LastName,
        Username = person.Username,
        LanguageCode = "ru",
    };

    private void Record(string method, long? chatId, string? text, int status)
    {
        calls.AddLast(new LocalBotCall(method, chatId, text, status, DateTime.UtcNow));
        if (calls.Count > MaxCallsKept)
        {
            calls.RemoveFirst();
        }
    }

    /// <summary>Wakes every waiter; called under the lock.</summary>
    private void Changed()
    {
        Interlocked.Increment(ref version);
        var woken = changed;
        changed = NewSignal();
        woken.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class ChatState(long id)
    {
        private int nextMessageId = 1;

        public long Id { get; } = id;

        public LocalPerson? Person { get; set; }

        public List<StoredMessage> Messages { get; } = [];

        public IReadOnlyList<IReadOnlyList<LocalButton>>? ReplyKeyboard { get; set; }

        public StoredMessage Add(StoredMessage message)
        {
            message.MessageId = nextMessageId++;
            Messages.Add(message);
            return message;
        }

        public StoredMessage? Find(int messageId) => Messages.FirstOrDefault(m => m.MessageId == messageId);

        public Chat ToChat() => new() { Id = Id, Type = ChatType.Private, FirstName = Person?.FirstName, LastName = Person?.LastName, Username = Person?.Username };
    }

    private sealed class StoredMessage
    {
        public int MessageId { get; set; }

        public bool FromBot { get; init; }

        public string Text { get; set; } = string.Empty;

        public string SentText { get; set; } = string.Empty;

        public string? ParseMode { get; set; }

        public IReadOnlyList<IReadOnlyList<LocalButton>> InlineKeyboard { get; set; } = [];

        public IReadOnlyList<IReadOnlyList<LocalButton>>? ReplyKeyboard { get; set; }

        public bool IsDeleted { get; set; }

        public int EditCount { get; set; }

        public DateTime Date { get; init; }

        public LocalChatMessage Snapshot(long chatId) =>
            new(MessageId, chatId, FromBot, Text, SentText, ParseMode, InlineKeyboard, ReplyKeyboard, IsDeleted, EditCount, Date);
    }
}
