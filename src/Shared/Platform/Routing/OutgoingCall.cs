using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// Who a remote request is made for, handed to the module's Refit client with every call (a Refit
/// <c>[Property]</c>), so <see cref="OutgoingCredentialHandler"/> can present the right credential: the person's own
/// access token, or the key of the service identity it is made as. Nothing is read from an ambient HTTP request.
/// </summary>
public sealed record OutgoingCall(Caller Caller, ClientInfo? Client = null)
{
    /// <summary>The Refit property name every remote API method declares for its call.</summary>
    public const string PropertyName = "repitbot.outgoing_call";

    /// <summary>The end client's address, for the remote module's rate limits and audit.</summary>
    public const string ClientAddressHeader = "X-RepitBot-Client-Address";

    public static HttpRequestOptionsKey<OutgoingCall> OptionsKey { get; } = new(PropertyName);

    /// <summary>
    /// A person known only in process has no token a remote module could check: such a call is refused before it is
    /// sent, never sent with a service key, which would skip the person's own authorization.
    /// </summary>
    public ModuleError? MissingCredential => !Caller.IsService && Caller.AccessToken is null
        ? new ModuleError(ErrorKind.Unauthorized, "This call acts for a person and has no token of theirs to present.")
        : null;
}
