namespace RepitBot.Shared.Contracts.Identity;

/// <summary>
/// The identities the modules call each other as (<see cref="Caller.Service"/>): part of the contract, like the
/// interfaces, since a module's endpoints name which of them may call. Each is a calling module, with a key of its own.
/// </summary>
public static class ServiceNames
{
    /// <summary>The Users module: its bearer checks introspect tokens at Auth.</summary>
    public const string Users = "users";

    /// <summary>The Auth module: it checks access codes and reads users at Users.</summary>
    public const string Auth = "auth";

    /// <summary>The Telegram bot: it links a Telegram account with a code and logs a linked account in, at Auth.</summary>
    public const string Bot = "bot";
}
