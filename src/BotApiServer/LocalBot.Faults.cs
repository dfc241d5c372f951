namespace RepitBot.BotApiServer;

/// <summary>What a test (or a person trying the bot's resilience) makes go wrong on the server: 429s, errors, redelivery.</summary>
public sealed partial class LocalBot
{
    /// <summary>The next <paramref name="count"/> sending calls are refused with a 429 and this retry_after, as Telegram does under flood.</summary>
    public void RespondWithTooManyRequests(int count, int retryAfterSeconds)
    {
        lock (gate)
        {
            tooManyRequestsLeft = count;
            tooManyRequestsRetryAfter = retryAfterSeconds;
        }
    }

    /// <summary>
    /// Delivers the person's latest update once more, with the same update_id, as Telegram does when a webhook did not
    /// answer in time. (By polling, an offset past it confirms it away at once, as in Telegram.) Returns its id.
    /// </summary>
    public int RedeliverLatest(LocalPerson person)
    {
        lock (gate)
        {
            var update = lastUpdateOf[person.Id];
            if (update.CallbackQuery is { } query)
            {
                openCallbackQueries[query.Id] = person.Id;
            }

            pending.Add(update);
            Changed();
            return update.Id;
        }
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> fail with this error code, as Telegram's rare failures do.</summary>
    public void RespondWithError(string method, int count, int code, string description)
    {
        lock (gate)
        {
            failing = (method, count, code, description);
        }
    }
}
