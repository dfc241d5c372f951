using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace RepitBot.Shared.Contracts.Idempotency;

/// <summary>
/// The caller's name for one write (the <c>Idempotency-Key</c> header): the same write sent again with the same key
/// answers the first result instead of being done twice. It also seals what that result must not keep in plain text
/// (a new access code), so it is kept like a secret of the caller: never logged, never stored as it is.
/// </summary>
public sealed class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    private IdempotencyKey(string value) => Value = value;

    public string Value { get; }

    /// <summary>A key for a caller that gave none: 256 random bits.</summary>
    public static IdempotencyKey New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    /// <summary>1 to 255 visible ASCII characters; the quoted form of RFC 8941 strings is accepted too.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IdempotencyKey? key)
    {
        key = null;
        var value = text?.Trim();
        if (value is { Length: > 2 } && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.Any(c => c is < '!' or > '~'))
        {
            return false;
        }

        key = new IdempotencyKey(value);
        return true;
    }

    /// <summary>Safe for a log line: never the key.</summary>
    public override string ToString() => "Idempotency-Key(hidden)";
}
