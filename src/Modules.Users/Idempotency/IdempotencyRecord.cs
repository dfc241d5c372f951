using RepitBot.Modules.Users.Domain;

namespace RepitBot.Modules.Users.Idempotency;

/// <summary>
/// A keyed write that was carried out, kept for <see cref="IdempotentWrites.Window"/>: who made it, under which key
/// (its SHA-256 only), for which request, the user it made or changed, and the access code it answered, sealed with a
/// key derived from the caller's idempotency key (never in plain text). Saved in the same SaveChanges as the write
/// itself, so a write and its record exist together or not at all.
/// </summary>
internal sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    /// <summary>The caller's identity (<c>user:ID</c> or <c>service:NAME</c>): a key names a write of that caller only.</summary>
    public string Caller { get; private set; } = string.Empty;

    public string KeyHash { get; private set; } = string.Empty;

    public string Operation { get; private set; } = string.Empty;

    public string RequestHash { get; private set; } = string.Empty;

    public long UserId { get; private set; }

    public User? User { get; private set; }

    /// <summary>AES-GCM: nonce (12 bytes), tag (16), ciphertext.</summary>
    public byte[] SealedCode { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public static IdempotencyRecord Of(string caller, string keyHash, IdempotentOperation operation, User user, byte[] sealedCode, DateTime now) => new()
    {
        Caller = caller,
        KeyHash = keyHash,
        Operation = operation.Name,
        RequestHash = operation.RequestHash,
        User = user,
        UserId = user.Id,
        SealedCode = sealedCode,
        CreatedAt = now,
        ExpiresAt = now + IdempotentWrites.Window,
    };
}
