using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Shared.Platform.Http;

public static class ResultHttpExtensions
{
    /// <summary>The success response, or the problem response of the error.</summary>
    public static Results<TSuccess, ProblemHttpResult> ToHttp<T, TSuccess>(this Result<T> result, Func<T, TSuccess> onSuccess)
        where TSuccess : IResult =>
        result.IsSuccess ? onSuccess(result.Value) : ProblemResults.From(result.Error);
}
