using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Shared.Platform.Http;

/// <summary>Maps a contract's <see cref="ModuleError"/> to an RFC 7807 problem response.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult From(ModuleError error)
    {
        if (error.Kind == ErrorKind.Validation)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(ToMutable(error.Errors))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
                Detail = error.Detail,
            });
        }

        var extensions = new Dictionary<string, object?>();
        if (error.RetryAfter is { } wait)
        {
            // Also in the body, for clients that read only the problem; ProblemHeaders copies it to Retry-After.
            extensions[ProblemHeaders.RetryAfterExtension] = ProblemHeaders.Seconds(wait);
        }

        if (error.NotExecuted)
        {
            extensions[ProblemHeaders.NotExecutedExtension] = true;
        }

        return TypedResults.Problem(title: TitleOf(error.Kind), detail: error.Detail, statusCode: StatusOf(error.Kind), extensions: extensions);
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Unauthorized => "Authentication is required.",
        ErrorKind.Forbidden => "This action is not allowed.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "Conflict.",
        ErrorKind.Unprocessable => "The request cannot be carried out.",
        ErrorKind.TooManyRequests => "Too many requests.",
        ErrorKind.Unavailable => "The service is unavailable.",
        _ => "The request failed.",
    };

    private static Dictionary<string, string[]> ToMutable(IReadOnlyDictionary<string, string[]>? errors) =>
        errors?.ToDictionary(e => e.Key, e => e.Value) ?? [];
}
