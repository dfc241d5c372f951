using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace RepitBot.Shared.Contracts.AccessCodes;

/// <summary>
/// An access code: 16 Crockford Base32 characters shown as <c>XXXX-XXXX-XXXX-XXXX</c>. The first
/// <see cref="LookupLength"/> characters are a public lookup id (stored as is, unique); the rest is the secret
/// (stored only as a bcrypt hash). Input is forgiving the way Crockford intends: case, spaces and hyphens are
/// ignored, I and L read as 1, O as 0.
/// </summary>
public sealed class AccessCode
{
    public const int Length = 16;
    public const int LookupLength = 6;

    /// <summary>The longest input taken for a code at all (spaces and hyphens allowed): anything longer is refused unread.</summary>
    public const int MaxInputLength = 64;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private AccessCode(string lookupId, string secret)
    {
        LookupId = lookupId;
        Secret = secret;
    }

    public string LookupId { get; }

    public string Secret { get; }

    /// <summary>The code as a person reads and types it.</summary>
    public string Display
    {
        get
        {
            var all = LookupId + Secret;
            return string.Join('-', Enumerable.Range(0, Length / 4).Select(i => all.Substring(i * 4, 4)));
        }
    }

    public static AccessCode Generate()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new AccessCode(new string(chars[..LookupLength]), new string(chars[LookupLength..]));
    }

    /// <summary>Normalizes what a person typed; false when it cannot be a code at all.</summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out AccessCode? code)
    {
        code = null;
        if (string.IsNullOrEmpty(input) || input.Length > MaxInputLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Length];
        var count = 0;
        foreach (var raw in input)
        {
            if (raw is ' ' or '-' or '\t')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };

            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0 || count == Length)
            {
                return false;
            }

            chars[count++] = c;
        }

        if (count != Length)
        {
            return false;
        }

        code = new AccessCode(new string(chars[..LookupLength]), new string(chars[LookupLength..]));
        return true;
    }

    /// <summary>Never the code itself: this object may reach a log by accident.</summary>
    public override string ToString() => $"AccessCode({LookupId}-…)";
}
