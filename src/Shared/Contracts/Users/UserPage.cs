namespace RepitBot.Shared.Contracts.Users;

public sealed record UserPage(IReadOnlyList<UserDto> Users, int Total, int Page, int Size, int Pages);
