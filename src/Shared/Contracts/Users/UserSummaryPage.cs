namespace RepitBot.Shared.Contracts.Users;

public sealed record UserSummaryPage(IReadOnlyList<UserSummary> Users, int Total, int Page, int Size, int Pages);
