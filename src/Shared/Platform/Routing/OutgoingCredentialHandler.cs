using System.Net.Http.Headers;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// Writes the credential of the request's <see cref="OutgoingCall"/> on each remote request: a person's own token, or
/// the key of the service identity the call is made as, when that identity's module runs in this process. A service
/// whose key this process does not hold goes out with no credential, which only anonymous endpoints accept.
/// </summary>
internal sealed class OutgoingCredentialHandler(ServiceKeys serviceKeys) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(OutgoingCall.OptionsKey, out var call))
        {
            // A remote API method without its call would go out anonymous or, worse, as a service: refuse to send it.
            throw new InvalidOperationException($"The remote request {request.Method} {request.RequestUri} names no caller.");
        }

        if (call.Caller.AccessToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (call.Caller.ServiceName is { } service && serviceKeys.KeyFor(service) is { } key)
        {
            request.Headers.Add(ServiceKeys.HeaderName, key);
        }

        if (call.Client?.Address is { } address)
        {
            request.Headers.Add(OutgoingCall.ClientAddressHeader, address);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
