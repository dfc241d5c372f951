namespace RepitBot.Shared.Platform.Health;

public static class HealthTags
{
    /// <summary>A dependency without which the role cannot serve: its failure makes /health answer 503.</summary>
    public const string Required = "required";
}
