namespace RepitBot.Shared.Contracts.Users;

/// <summary>The only shape that ever carries an access code: the answer to creating a user or reissuing its code.</summary>
public sealed record UserWithAccessCode(UserDto User, string AccessCode);
