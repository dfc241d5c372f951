using System.Collections.Concurrent;
using RepitBot.Shared.Contracts.AccessCodes;

namespace RepitBot.Modules.Users.AccessCodes;

/// <summary>
/// Hashes and checks the secret part of access codes with bcrypt. A check of an unknown lookup id still costs one
/// verify against a dummy hash of the cost the stored hashes have, so the time a check takes does not tell a known code
/// from an unknown one, also after the work factor setting changed.
/// </summary>
internal sealed class AccessCodeHasher(UsersSettings settings)
{
    private readonly ConcurrentDictionary<int, string> dummyHashes = new();

    public int WorkFactor => settings.AccessCodeWorkFactor;

    public string Hash(AccessCode code) => BCrypt.Net.BCrypt.HashPassword(code.Secret, settings.AccessCodeWorkFactor);

    public bool Verify(AccessCode code, string hash) => BCrypt.Net.BCrypt.Verify(code.Secret, hash);

    /// <summary>Spends the time of one real check against a hash of this cost, and always fails.</summary>
    public void VerifyAgainstDummy(string secret, int cost) =>
        BCrypt.Net.BCrypt.Verify(secret, dummyHashes.GetOrAdd(cost, c => BCrypt.Net.BCrypt.HashPassword(AccessCode.Generate().Secret, c)));

    /// <summary>The cost a bcrypt hash was made with ("$2a$12$..." is 12); null when it is not a bcrypt hash.</summary>
    public static int? CostOf(string hash) =>
        hash.Length > 7 && hash[0] == '$' && hash[3] == '$' && int.TryParse(hash.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture, out var cost) ? cost : null;
}
