using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.BotApiServer;

/// <summary>
/// One bot on the local server, seen from both sides: the Bot API methods its token calls, and a person's side (type a
/// message, press a button, read the chat, wait for the bot's answer). Everything is kept in memory; one lock guards it,
/// and every change wakes whoever waits for one.
/// </summary>
public sealed class LocalBot : IAsyncDisposable
{
    private const int MaxCallsKept = 10_000;
    private readonly object gate = new();
    private readonly List<Update> pending = [];
    private readonly Dictionary<long, ChatState> chats = [];
    private readonly Dictionary<string, long> openCallbackQueries = new(StringComparer.Ordinal);
    private readonly List<LocalCallbackAnswer> answers = [];
    private readonly LinkedList<LocalBotCall> calls = new();
    private readonly HttpClient webhookClient;
    private TaskCompletionSource changed = NewSignal();
    private int nextUpdateId = 1;
    private long version;
    private int tooManyRequestsLeft;
    private int tooManyRequestsRetryAfter;
    private string? webhookUrl;
    private string? webhookSecret;
    private CancellationTokenSource? webhookDelivery;

    internal LocalBot(string token, long botId, HttpClient webhookClient)
    {
        Token = token;
        this.webhookClient = webhookClient;
        User = new User { Id = botId, IsBot = true, FirstName = "RepitBot", Username = $"repitbot_local_{botId}_bot", CanJoinGroups = false, CanReadAllGroupMessages = false, SupportsInlineQueries = false };
    }

    public string Token { get; }

    /// <summary>The bot's own account, as getMe answers.</summary>
    public User User { get; }

    /// <summary>Counts every change; a waiter compares it to know something happened.</summary>
    public long Version => Interlocked.Read(ref version);

    public string? WebhookUrl
    {
        get
        {
            lock (gate)
            {
                return webhookUrl;
            }
        }
    }

    public int PendingUpdateCount
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    public IReadOnlyList<LocalBotCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public IReadOnlyList<LocalCallbackAnswer> CallbackAnswers
    {
        get
        {
            lock (gate)
            {
                return [.. answers];
            }
        }
    }

    /// <summary>A person types a message to the bot; it becomes an update for the bot.</summary>
    public LocalChatMessage SendText(LocalPerson person, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        lock (gate)
        {
            var chat = ChatOf(person.Id, person);
            var stored = chat.Add(new StoredMessage { FromBot = false, Text = text, SentText = text, Date = DateTime.UtcNow });
            var message = new Message
            {
                Id = stored.MessageId,
                Date = stored.Date,
                Chat = chat.ToChat(),
                From = ToUser(person),
                Text = text,
                Entities = text.StartsWith('/') ? [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = text.Split(' ', 2)[0].Length }] : null,
            };
            pending.Add(new Update { Id = nextUpdateId++, Message = message });
            Changed();
            return stored.Snapshot(person.Id);
        }
    }

    /// <summary>
    /// A person presses an inline button carrying <paramref name="callbackData"/> under a bot message. The data is not
    /// checked against the keyboard: a test can forge a press, as a modified client could. Answers the query's id.
    /// </summary>
    public string PressButton(LocalPerson person, int messageId, string callbackData)
    {
        lock (gate)
        {
            var chat = ChatOf(person.Id, person);
            var stored = chat.Find(messageId) ?? throw new InvalidOperationException($"Chat {person.Id} has no message {messageId}.");
            var queryId = $"{User.Id}{nextUpdateId:D6}{Random.Shared.Next(1000, 9999)}";
            openCallbackQueries[queryId] = person.Id;
            pending.Add(new Update
            {
                Id = nextUpdateId++,
                CallbackQuery = new CallbackQuery
                {
                    Id = queryId,
                    From = ToUser(person),
                    Message = ToMessage(chat, stored),
                    ChatInstance = person.Id.ToString(CultureInfo.InvariantCulture),
                    Data = callbackData,
                },
            });
            Changed();
            return queryId;
        }
    }

    /// <summary>The chat with this person (or chat id), oldest first, deleted messages included and marked.</summary>
    public IReadOnlyList<LocalChatMessage> Messages(long chatId)
    {
        lock (gate)
        {
            return chats.TryGetValue(chatId, out var chat) ? [.. chat.Messages.Select(m => m.Snapshot(chatId))] : [];
        }
    }

    /// <summary>The reply keyboard the person sees now under the input field, or null for none.</summary>
    public IReadOnlyList<IReadOnlyList<LocalButton>>? ReplyKeyboard(long chatId)
    {
        lock (gate)
        {
            return chats.TryGetValue(chatId, out var chat) ? chat.ReplyKeyboard : null;
        }
    }

    public LocalCallbackAnswer? AnswerTo(string callbackQueryId)
    {
        lock (gate)
        {
            return answers.LastOrDefault(answer => answer.CallbackQueryId == callbackQueryId);
        }
    }

    /// <summary>The next <paramref name="count"/> sending calls are refused with a 429 and this retry_after, as Telegram does under flood.</summary>
    public void RespondWithTooManyRequests(int count, int retryAfterSeconds)
    {
        lock (gate)
        {
            tooManyRequestsLeft = count;
            tooManyRequestsRetryAfter = retryAfterSeconds;
        }
    }

    /// <summary>Waits until <paramref name="probe"/> finds something (checked after every change), or the deadline.</summary>
    public async Task<T> WaitAsync<T>(Func<LocalBot, T?> probe, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                signal = changed.Task;
            }

            if (probe(this) is { } found)
            {
                return found;
            }

            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        CancellationTokenSource? delivery;
        lock (gate)
        {
            delivery = webhookDelivery;
            webhookDelivery = null;
        }

        if (delivery is not null)
        {
            await delivery.CancelAsync();
            delivery.Dispose();
        }
    }

    internal async Task<object> CallAsync(string method, BotApiArguments arguments, CancellationToken cancellationToken)
    {
        switch (method.ToLowerInvariant())
        {
            case "getme":
                return User;
            case "getupdates":
                return await GetUpdatesAsync(arguments, cancellationToken);
            case "setwebhook":
                return SetWebhook(arguments.String("url"), arguments.String("secret_token"), arguments.Boolean("drop_pending_updates"));
            case "deletewebhook":
                return SetWebhook(null, null, arguments.Boolean("drop_pending_updates"));
            case "getwebhookinfo":
                lock (gate)
                {
                    return new WebhookInfo { Url = webhookUrl ?? string.Empty, PendingUpdateCount = pending.Count, HasCustomCertificate = false };
                }

            case "logout" or "close":
                return true;
        }

        lock (gate)
        {
            var chatId = arguments.Long("chat_id");
            try
            {
                ThrowIfFlooded(method);
                object result = method.ToLowerInvariant() switch
                {
                    "sendmessage" => SendMessage(arguments),
                    "editmessagetext" => EditMessageText(arguments),
                    "editmessagereplymarkup" => EditMessageReplyMarkup(arguments),
                    "answercallbackquery" => AnswerCallbackQuery(arguments),
                    "deletemessage" => DeleteMessage(arguments),
                    "sendchataction" => true,
                    "setmycommands" or "deletemycommands" => true,
                    _ => throw new BotApiError(404, "Not Found"),
                };
                Record(method, chatId, arguments.String("text"), 200);
                Changed();
                return result;
            }
            catch (BotApiError error)
            {
                Record(method, chatId, arguments.String("text"), error.Code);
                throw;
            }
        }
    }

    private async Task<Update[]> GetUpdatesAsync(BotApiArguments arguments, CancellationToken cancellationToken)
    {
        var offset = arguments.Long("offset");
        var limit = (int)Math.Clamp(arguments.Long("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(arguments.Long("timeout") ?? 0, 0, 50));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (webhookUrl is not null)
                {
                    throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                }

                if (offset is { } confirmed)
                {
                    // As in Telegram: an offset confirms every update before it, and they are gone.
                    pending.RemoveAll(update => update.Id < confirmed);
                }

                if (pending.Count > 0 || timeout == TimeSpan.Zero)
                {
                    return [.. pending.Take(limit)];
                }

                signal = changed.Task;
            }

            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return [];
            }
        }
    }

    private bool SetWebhook(string? url, string? secret, bool dropPending)
    {
        CancellationTokenSource? old;
        lock (gate)
        {
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
            {
                throw BotApiError.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
            }

            old = webhookDelivery;
            webhookUrl = string.IsNullOrEmpty(url) ? null : url;
            webhookSecret = secret;
            webhookDelivery = webhookUrl is null ? null : new CancellationTokenSource();
            if (dropPending)
            {
                pending.Clear();
            }

            if (webhookDelivery is not null)
            {
                _ = DeliverAsync(webhookUrl!, secret, webhookDelivery.Token);
            }

            Changed();
        }

        old?.Cancel();
        return true;
    }

    /// <summary>Webhook mode: each update is POSTed in order until the bot's endpoint takes it (2xx), as Telegram does.</summary>
    private async Task DeliverAsync(string url, string? secret, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Update? next;
            Task signal;
            lock (gate)
            {
                next = pending.FirstOrDefault();
                signal = changed.Task;
            }

            if (next is null)
            {
                try
                {
                    await signal.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            var delivered = false;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(JsonSerializer.Serialize(next, JsonBotAPI.Options), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
                };
                if (secret is not null)
                {
                    request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
                }

                using var response = await webhookClient.SendAsync(request, cancellationToken);
                delivered = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (delivered)
            {
                lock (gate)
                {
                    pending.Remove(next);
                    Changed();
                }
            }
            else
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void ThrowIfFlooded(string method)
    {
        if (tooManyRequestsLeft > 0 && method.ToLowerInvariant() is "sendmessage" or "editmessagetext" or "editmessagereplymarkup" or "deletemessage" or "answercallbackquery")
        {
            tooManyRequestsLeft--;
            throw new BotApiError(429, $"Too Many Requests: retry after {tooManyRequestsRetryAfter}", tooManyRequestsRetryAfter);
        }
    }

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
