namespace RepitBot.Shared.Contracts.Users;

public sealed record UserListQuery(int Page = 1, int Size = UserListQuery.DefaultSize, UserRole? Role = null, string? Search = null)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;
}
