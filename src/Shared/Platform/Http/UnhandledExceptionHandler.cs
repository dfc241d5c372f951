using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Shared.Platform.Http;

/// <summary>
/// The last line: a request body that does not parse becomes a 400 naming the field; a database that is failing for
/// a moment (restarting, unreachable, out of connections) a 503 with Retry-After, after the retries the execution
/// strategy made; anything else a 500 problem with no exception text. The exception goes to the log, never to the client.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            var field = FieldOf(badRequest);
            var problem = new HttpValidationProblemDetails(
                field is null
                    ? new Dictionary<string, string[]>()
                    : new Dictionary<string, string[]> { [field] = [FieldMessage(field, badRequest.InnerException)] })
            {
                Status = badRequest.StatusCode,
                Title = "The request is invalid.",
                Detail = badRequest.InnerException is JsonException
                    ? "The request body is not valid JSON for this endpoint."
                    : "The request could not be read.",
            };

            httpContext.Response.StatusCode = badRequest.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        }

        if (TransientDatabaseFailure.IsTransient(exception))
        {
            LogDatabaseUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = TransientDatabaseFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable.", Detail = "The database is not available right now; try again shortly." },
            });
        }

        LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred.", Detail = "The request failed on the server. It has been logged." },
        });
    }

    private static string FieldMessage(string field, Exception? inner) =>
        inner is JsonException { Message: var message } && message.StartsWith("Expected one of:", StringComparison.Ordinal)
            ? $"'{field}' must be one of: {message["Expected one of:".Length..].Trim().TrimEnd('.')}."
            : $"'{field}' is missing, of the wrong type, or not a field of this request.";

    private static string? FieldOf(BadHttpRequestException exception)
    {
        if (exception.InnerException is not JsonException json)
        {
            return null;
        }

        // "$.telegram_id" -> "telegram_id"; an unknown field is reported by name in the message instead of the path.
        if (json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal))
        {
            return path[2..];
        }

        const string marker = "The JSON property '";
        var start = json.Message.IndexOf(marker, StringComparison.Ordinal);
        if (start >= 0)
        {
            start += marker.Length;
            var end = json.Message.IndexOf('\'', start);
            if (end > start)
            {
                return json.Message[start..end];
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database failed transiently for {Method} {Path} ({Error}); answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string method, string path, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
