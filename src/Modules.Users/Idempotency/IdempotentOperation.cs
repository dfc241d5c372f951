using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Json;

namespace RepitBot.Modules.Users.Idempotency;

/// <summary>Which write a key was used for, and a hash of its request: the same key with another request is refused.</summary>
internal readonly record struct IdempotentOperation(string Name, string RequestHash)
{
    public static IdempotentOperation CreateUser(CreateUserRequest request) =>
        Of("create_user", JsonSerializer.Serialize(request, RepitBotJson.Options));

    public static IdempotentOperation ReissueAccessCode(long userId) =>
        Of("reissue_access_code", userId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static IdempotentOperation Of(string name, string request) =>
        new(name, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{request}"))));
}
