namespace RepitBot.Shared.Contracts.Auth;

public sealed record AuditPage(IReadOnlyList<AuditEventDto> Events, int Total, int Page, int Size, int Pages);
