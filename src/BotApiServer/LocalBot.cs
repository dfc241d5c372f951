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
public sealed partial class LocalBot : IAsyncDisposable
{
    private const int MaxCallsKept = 10_000;
    private readonly object gate = new();
    private readonly List<Update> pending = [];
    private readonly Dictionary<long, Update> lastUpdateOf = [];
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
    private (string Method, int Count, int Code, string Description)? failing;
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
            var update = new Update { Id = nextUpdateId++, Message = message };
            pending.Add(update);
            lastUpdateOf[person.Id] = update;
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
            var update = new Update
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
            };
            pending.Add(update);
            lastUpdateOf[person.Id] = update;
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

    /// <summary>Everyone who has written to the bot, by the chat they opened.</summary>
    public IReadOnlyList<LocalPerson> People
    {
        get
        {
            lock (gate)
            {
                return [.. chats.Values.Select(chat => chat.Person).OfType<LocalPerson>()];
            }
        }
    }

    /// <summary>
    /// Waits until something changes after <paramref name="sinceVersion"/> (a <see cref="Version"/> read earlier): true
    /// when it did, false when the timeout passed first. A live view reads the version, shows the state, then waits here.
    /// </summary>
    public async Task<bool> WaitForChangeAsync(long sinceVersion, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task signal;
        lock (gate)
        {
            if (Version != sinceVersion)
            {
                return true;
            }

            signal = changed.Task;
        }

        try
        {
            await signal.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
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
}
