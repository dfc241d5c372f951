using System.Net.Http.Headers;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Http;
using RepitBot.Shared.Platform.Json;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// Turns one Refit call into the contract's result: a success, the same <see cref="ModuleError"/> the in-process
/// implementation would answer (from the service's problem+json), or a <see cref="RemoteModuleUnavailableException"/>
/// for a transient failure, which the router handles. Written once for every remote module.
/// </summary>
public static class RemoteCall
{
    public static async Task<Result<T>> SendAsync<T>(string module, OutgoingCall call, Func<OutgoingCall, Task<IApiResponse<T>>> send, CancellationToken cancellationToken)
    {
        if (call.MissingCredential is { } missing)
        {
            return missing;
        }

        using var response = await TransportAsync(module, () => send(call), cancellationToken);
        if (response.IsSuccessful && response.Content is { } content)
        {
            return content;
        }

        return ErrorOf(module, response, (response.Error as ApiException)?.Content);
    }

    public static async Task<Result<Done>> SendAsync(string module, OutgoingCall call, Func<OutgoingCall, Task<IApiResponse>> send, CancellationToken cancellationToken)
    {
        if (call.MissingCredential is { } missing)
        {
            return missing;
        }

        using var response = await TransportAsync(module, () => send(call), cancellationToken);
        return response.IsSuccessStatusCode ? Done.Value : ErrorOf(module, response, (response.Error as ApiException)?.Content);
    }

    private static async Task<TResponse> TransportAsync<TResponse>(string module, Func<Task<TResponse>> send, CancellationToken cancellationToken)
        where TResponse : IApiResponse
    {
        TResponse response;
        try
        {
            response = await send();
        }
        catch (Exception e) when (Transient(module, e, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }

        // Refit reports a request that got no response at all as an answer without a status code.
        if (response.StatusCode is null)
        {
            var cause = (Exception?)response.Error?.InnerException ?? response.Error;
            response.Dispose();
            throw Transient(module, cause, cancellationToken) ?? new RemoteModuleUnavailableException(module, certainlyNotDone: false, "no response", cause);
        }

        return response;
    }

    private static RemoteModuleUnavailableException? Transient(string module, Exception? error, CancellationToken cancellationToken)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException http:
                    // Refused or unreachable: the request never left, so even a write may be served in process.
                    return new RemoteModuleUnavailableException(module, http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError, http.HttpRequestError.ToString(), http);
                case BrokenCircuitException or IsolatedCircuitException:
                    return new RemoteModuleUnavailableException(module, certainlyNotDone: true, "circuit open", e);
                case TimeoutRejectedException:
                    return new RemoteModuleUnavailableException(module, certainlyNotDone: false, "timeout", e);
                case TaskCanceledException when !cancellationToken.IsCancellationRequested:
                    return new RemoteModuleUnavailableException(module, certainlyNotDone: false, "timeout", e);
            }
        }

        return null;
    }

    private static ModuleError ErrorOf(string module, IApiResponse response, string? body)
    {
        var code = (int)response.StatusCode!.Value;
        if (code >= 500)
        {
            // Only the service's own mark says a 503 did nothing; a proxy's 503, or any other 5xx, may have come after
            // the write was carried out.
            var notExecuted = code == 503 && response.Headers?.TryGetValues(ProblemHeaders.NotExecutedHeader, out var marks) == true
                && marks.Any(mark => string.Equals(mark, "true", StringComparison.OrdinalIgnoreCase));
            throw new RemoteModuleUnavailableException(module, notExecuted, notExecuted ? $"HTTP {code}, not executed" : $"HTTP {code}");
        }

        var kind = code switch
        {
            400 => ErrorKind.Validation,
            401 => ErrorKind.Unauthorized,
            403 => ErrorKind.Forbidden,
            404 => ErrorKind.NotFound,
            409 => ErrorKind.Conflict,
            422 => ErrorKind.Unprocessable,
            429 => ErrorKind.TooManyRequests,
            _ => ErrorKind.Validation,
        };

        var (detail, errors) = ProblemOf(body);
        return new ModuleError(kind, detail ?? $"The {module} service answered {code}.", kind == ErrorKind.Validation ? errors ?? new Dictionary<string, string[]>() : null)
        {
            RetryAfter = kind == ErrorKind.TooManyRequests ? RetryAfterOf(response.Headers?.RetryAfter) : null,
        };
    }

    /// <summary>The wait a 429 asked for, in seconds or as a date; a minute when the service gave none.</summary>
    private static TimeSpan RetryAfterOf(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > DateTimeOffset.UtcNow => date - DateTimeOffset.UtcNow,
        { Date: not null } => TimeSpan.FromSeconds(1),
        _ => TimeSpan.FromMinutes(1),
    };

    private static (string? Detail, Dictionary<string, string[]>? Errors) ProblemOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            var problem = JsonSerializer.Deserialize<Problem>(body, RepitBotJson.Options);
            return (problem?.Detail ?? problem?.Title, problem?.Errors);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
