namespace RepitBot.Shared.Contracts.Auth;

/// <summary>
/// What a service needs to check tokens from its own copy of the revocations (ADR 0026): every revocation that still
/// matters with a generation above the one asked for, and <see cref="Generation"/>, the database's generation when they
/// were read, up to which the copy is then complete.
/// </summary>
public sealed record RevocationFeed(long Generation, IReadOnlyList<RevokedEntry> Revocations);

/// <summary>One revoked access token (by its jti) or session (by its sid), and until when the revocation matters.</summary>
public sealed record RevokedEntry(bool Session, string Id, DateTimeOffset Until);
