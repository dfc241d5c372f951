namespace RepitBot.Modules.Auth.Domain;

/// <summary>
/// The one row that counts revocations. Every revocation raises it in the transaction that writes the revocation, and
/// carries the new value as its generation; Redis mirrors the generation it holds every revocation up to, so a miss in
/// Redis is final only when that generation is the database's (ADR 0012).
/// </summary>
internal sealed class RevocationCounter
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Generation { get; set; }
}
