using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Shared.Contracts.Auth;

/// <summary>Token introspection: when <see cref="Active"/> is false every other field is null, whatever the reason.</summary>
public sealed record TokenIntrospection(bool Active, long? UserId = null, UserRole? Role = null, long? Exp = null, long? Iat = null, string? Jti = null, string? Sid = null)
{
    public static TokenIntrospection Inactive { get; } = new(false);
}
