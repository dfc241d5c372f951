namespace RepitBot.Shared.Platform.Health;

internal static class HealthTags
{
    /// <summary>A dependency without which the role cannot serve: its failure makes /health answer 503.</summary>
    public const string Required = "required";
}
