using System.Net.Http.Headers;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>Writes the current <see cref="OutgoingCredential"/> on each remote request.</summary>
public sealed class OutgoingCredentialHandler(InternalApiKeySettings internalApiKey) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credential = OutgoingCredential.Current;
        if (credential?.BearerToken is { } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        else if (internalApiKey.Value is { } key)
        {
            request.Headers.Add(InternalApiKeySettings.HeaderName, key);
        }

        if (credential?.ClientAddress is { } address)
        {
            request.Headers.Add(OutgoingCredential.ClientAddressHeader, address);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
