using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RepitBot.Shared.Platform.Persistence;

/// <summary>
/// Every timestamp a module stores is UTC. SQLite forgets the kind, so it is restored on read; PostgreSQL keeps
/// microseconds, so values are cut to microseconds before they are stored and every read shows what a write answered.
/// </summary>
public static class UtcTimestamps
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    /// <summary>Now, cut to whole microseconds.</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % 10));
    }

    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        value => ToUtc(value),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        value => value == null ? null : ToUtc(value.Value),
        value => value == null ? null : DateTime.SpecifyKind(value.Value, DateTimeKind.Utc));
}
