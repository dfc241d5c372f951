using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Shared.Platform.Http;

/// <summary>Maps a contract's <see cref="ModuleError"/> to an RFC 7807 problem response.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult From(ModuleError error) => error.Kind == ErrorKind.Validation
        ? TypedResults.Problem(new HttpValidationProblemDetails(ToMutable(error.Errors))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = error.Detail,
        })
        : TypedResults.Problem(title: TitleOf(error.Kind), detail: error.Detail, statusCode: StatusOf(error.Kind));

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Unauthorized => "Authentication is required.",
        ErrorKind.Forbidden => "This action is not allowed.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "Conflict.",
        ErrorKind.Unavailable => "The service is unavailable.",
        _ => "The request failed.",
    };

    private static Dictionary<string, string[]> ToMutable(IReadOnlyDictionary<string, string[]>? errors) =>
        errors?.ToDictionary(e => e.Key, e => e.Value) ?? [];
}
