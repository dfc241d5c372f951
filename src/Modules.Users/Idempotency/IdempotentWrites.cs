using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Users.Application;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Users.Idempotency;

/// <summary>
/// Runs a write that answers an access code at most once per caller and <see cref="IdempotencyKey"/>: a write sent
/// again answers its first result (the same user, the same code) instead of being done twice, whichever process, the
/// User Service or a host's in-process fallback, carried it out, since both use this module's one database. See ADR
/// 0011 for why the code is kept, sealed, for the window.
/// </summary>
internal sealed partial class IdempotentWrites(UsersDbContext db, JwtSettings jwt, TimeProvider clock, ILogger<IdempotentWrites> logger)
{
    /// <summary>How long a key answers its first result; after it, the key is forgotten and the code with it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>
    /// Answers the first result of this key, or runs <paramref name="write"/>, which calls the recorder it is given
    /// with the user and the code just before it saves, so the record goes into the same SaveChanges as the write.
    /// </summary>
    public async Task<Result<UserWithAccessCode>> RunAsync(
        Caller caller,
        IdempotencyKey? key,
        IdempotentOperation operation,
        Func<Action<User, string>, Task<Result<UserWithAccessCode>>> write,
        CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return await write(static (_, _) => { });
        }

        var owner = caller.ToString();
        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Value)));
        if (await ReplayAsync(owner, keyHash, key, operation, cancellationToken) is { } replay)
        {
            return replay;
        }

        await ForgetExpiredAsync(cancellationToken);
        var result = await write((user, code) => db.Add(IdempotencyRecord.Of(owner, keyHash, operation, user, Seal(code, key, owner, jwt.SigningKey), UtcTimestamps.Now(clock))));

        // Refused, or lost a race: another attempt of the same write (the remote one, or a retry) may have just saved.
        if (!result.IsSuccess && await ReplayAsync(owner, keyHash, key, operation, cancellationToken) is { } raced)
        {
            return raced;
        }

        return result;
    }

    private async Task<Result<UserWithAccessCode>?> ReplayAsync(string owner, string keyHash, IdempotencyKey key, IdempotentOperation operation, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var record = await db.Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Caller == owner && r.KeyHash == keyHash && r.ExpiresAt > now, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (record.Operation != operation.Name || record.RequestHash != operation.RequestHash)
        {
            return ModuleError.Unprocessable($"This {IdempotencyKey.HeaderName} was used for another request; use a new key for a new request.");
        }

        var user = await db.Users.AsNoTracking().Include(u => u.Parents).Include(u => u.Children).FirstOrDefaultAsync(u => u.Id == record.UserId, cancellationToken);
        var code = Unseal(record.SealedCode, key, owner);
        if (user is null || code is null)
        {
            return ModuleError.Conflict($"This request was carried out already (with this {IdempotencyKey.HeaderName}), and its result can no longer be shown; reissue the access code if it was lost.");
        }

        LogReplayed(logger, record.Operation, record.UserId, owner);
        return new UserWithAccessCode(user.ToDto(), code);
    }

    private async Task ForgetExpiredAsync(CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The code sealed with a key only the caller's idempotency key opens, salted with this deployment's signing key:
    /// the table alone, or the table and a guessed idempotency key, reveal nothing.
    /// </summary>
    private static byte[] Seal(string code, IdempotencyKey key, string owner, byte[] secret)
    {
        var plain = Encoding.UTF8.GetBytes(code);
        var sealedCode = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedCode.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyOf(key, owner, secret), TagSize);
        aes.Encrypt(nonce, plain, sealedCode.AsSpan(NonceSize + TagSize), sealedCode.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(owner));
        return sealedCode;
    }

    /// <summary>The code, or null when no signing key of this deployment (the current or the previous one) opens it.</summary>
    private string? Unseal(byte[] sealedCode, IdempotencyKey key, string owner)
    {
        if (sealedCode.Length <= NonceSize + TagSize)
        {
            return null;
        }

        foreach (var secret in new[] { jwt.SigningKey, jwt.PreviousKey }.OfType<byte[]>())
        {
            var plain = new byte[sealedCode.Length - NonceSize - TagSize];
            try
            {
                using var aes = new AesGcm(KeyOf(key, owner, secret), TagSize);
                aes.Decrypt(sealedCode.AsSpan(0, NonceSize), sealedCode.AsSpan(NonceSize + TagSize), sealedCode.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(owner));
                return Encoding.UTF8.GetString(plain);
            }
            catch (AuthenticationTagMismatchException)
            {
                // Sealed under another signing key: try the next one.
            }
        }

        return null;
    }

    private static byte[] KeyOf(IdempotencyKey key, string owner, byte[] secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key.Value), 32, secret, Encoding.UTF8.GetBytes($"repitbot users idempotent write v1 {owner}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Write {Operation} of user {UserId} by {Caller} sent again with its key: answered its first result")]
    private static partial void LogReplayed(ILogger logger, string operation, long userId, string caller);
}
