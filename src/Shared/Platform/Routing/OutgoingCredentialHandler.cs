using System.Net.Http.Headers;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>Writes the credential of the request's <see cref="OutgoingCall"/> on each remote request.</summary>
internal sealed class OutgoingCredentialHandler(InternalApiKeySettings internalApiKey) : DelegatingHandler
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
        else if (call.Caller.IsService && internalApiKey.Value is { } key)
        {
            request.Headers.Add(InternalApiKeySettings.HeaderName, key);
        }

        if (call.Client?.Address is { } address)
        {
            request.Headers.Add(OutgoingCall.ClientAddressHeader, address);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
