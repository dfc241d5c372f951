namespace RepitBot.Modules.Bot.State;

/// <summary>
/// Where the bot keeps what must outlive one update: people's sessions and dialogues. Redis when configured, so a
/// restart or a second instance loses nothing; in process otherwise.
/// </summary>
internal interface IBotStateStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, string value, TimeSpan lifetime, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Takes or keeps a lock for <paramref name="owner"/>; false while another owner holds it.</summary>
    Task<bool> HoldLockAsync(string key, string owner, TimeSpan lifetime, CancellationToken cancellationToken);

    Task ReleaseLockAsync(string key, string owner, CancellationToken cancellationToken);
}
