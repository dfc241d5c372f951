namespace RepitBot.Shared.Platform.Logging;

/// <summary>Sends the current request's id on calls to other services, which then log their part under it.</summary>
internal sealed class RequestIdPropagationHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (RequestId.Current is { } id && !request.Headers.Contains(RequestId.HeaderName))
        {
            request.Headers.Add(RequestId.HeaderName, id);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
