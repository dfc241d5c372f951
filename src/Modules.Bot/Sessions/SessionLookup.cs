using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Bot.Sessions;

/// <summary>
/// Who a Telegram account is now: a person with a fresh token, nobody (not linked, or the session was ended, which
/// <see cref="Ended"/> tells so the person hears why), or unknown because a module could not be asked.
/// </summary>
internal sealed record SessionLookup(Caller? Caller, bool Ended, ModuleError? Error);
