using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// The deployment flags. The two global ones are the guide's; each routed module has its own pair that follows the
/// global one until it is set, so one module can move to its service while another stays in process.
/// </summary>
internal static class FlagNames
{
    public const string EnableMicroservices = "ENABLE_MICROSERVICES";
    public const string FallbackToMonolith = "FALLBACK_TO_MONOLITH";

    public static string EnableMicroservicesFor(string module) => $"{module.ToUpperInvariant()}_{EnableMicroservices}";

    public static string FallbackToMonolithFor(string module) => $"{module.ToUpperInvariant()}_{FallbackToMonolith}";

    /// <summary>Every flag of these modules, global first: for the admin API and the metrics.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<RoutedModule> modules) =>
    [
        EnableMicroservices,
        FallbackToMonolith,
        .. modules.Select(module => module.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .SelectMany(module => new[] { EnableMicroservicesFor(module), FallbackToMonolithFor(module) }),
    ];

    /// <summary>The flag a module flag follows while it has no value of its own; null for a global flag.</summary>
    public static string? ParentOf(string flag) =>
        flag == EnableMicroservices || flag == FallbackToMonolith ? null
        : flag.EndsWith(EnableMicroservices, StringComparison.Ordinal) ? EnableMicroservices
        : FallbackToMonolith;
}
