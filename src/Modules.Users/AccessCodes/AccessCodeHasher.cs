using RepitBot.Shared.Contracts.AccessCodes;

namespace RepitBot.Modules.Users.AccessCodes;

/// <summary>
/// Hashes and checks the secret part of access codes with bcrypt. A check of an unknown lookup id still costs one
/// verify against a dummy hash, so the time a check takes does not tell a known code from an unknown one.
/// </summary>
internal sealed class AccessCodeHasher(UsersSettings settings)
{
    private readonly Lazy<string> dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(AccessCode.Generate().Secret, settings.AccessCodeWorkFactor));

    public string Hash(AccessCode code) => BCrypt.Net.BCrypt.HashPassword(code.Secret, settings.AccessCodeWorkFactor);

    public bool Verify(AccessCode code, string hash) => BCrypt.Net.BCrypt.Verify(code.Secret, hash);

    /// <summary>Spends the time of one real check and always fails.</summary>
    public void VerifyAgainstDummy(string secret) => BCrypt.Net.BCrypt.Verify(secret, dummyHash.Value);
}
