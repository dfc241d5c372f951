using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Shared.Platform.Http;

/// <summary>Reads the optional <c>Idempotency-Key</c> header of a write endpoint.</summary>
public static class IdempotencyKeyHeader
{
    /// <summary>The key, null when the header is absent, or a 400 naming the header when it is malformed.</summary>
    public static Result<IdempotencyKey?> Parse(string? header)
    {
        if (header is null)
        {
            return Result<IdempotencyKey?>.Success(null);
        }

        return IdempotencyKey.TryParse(header, out var key)
            ? key
            : ModuleError.Invalid(IdempotencyKey.HeaderName.ToLowerInvariant(), $"'{IdempotencyKey.HeaderName}' must be 1 to {IdempotencyKey.MaxLength} visible ASCII characters, such as a UUID.");
    }
}
