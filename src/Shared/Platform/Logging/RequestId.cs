using System.Text.RegularExpressions;

namespace RepitBot.Shared.Platform.Logging;

/// <summary>
/// The id that ties one request's lines together across the gateway and the services: taken from X-Request-Id when
/// it is a sane token (the gateway's rule, the same pattern), otherwise made here; flows with the async call so
/// outgoing calls to other services carry it.
/// </summary>
public static partial class RequestId
{
    public const string HeaderName = "X-Request-Id";

    /// <summary>The key of the log scope every line of a request carries.</summary>
    public const string ScopeKey = "request_id";

    private static readonly AsyncLocal<string?> CurrentValue = new();

    /// <summary>The id of the request this code runs for, if any.</summary>
    public static string? Current
    {
        get => CurrentValue.Value;
        internal set => CurrentValue.Value = value;
    }

    /// <summary>The client's id when it is one we can log and forward as it is; anything else is replaced.</summary>
    public static string Accept(string? candidate) =>
        candidate is not null && SaneToken().IsMatch(candidate) ? candidate : Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex SaneToken();
}
