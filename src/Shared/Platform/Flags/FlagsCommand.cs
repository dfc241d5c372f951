using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// The operator's lever when no API answers (the services down, the bearer check with them): <c>flags list</c>,
/// <c>flags set NAME true|false</c> and <c>flags reset NAME</c> read and write the shared flag store directly. A change
/// is recorded in the flags' audit trail as the operator's, and reaches every instance as an API toggle does: Redis
/// announces it, and every instance re-reads the store within seconds anyway.
/// </summary>
public static class FlagsCommand
{
    public const string Usage = "flags list | flags set NAME true|false | flags reset NAME";

    private const int ChangedByMaxLength = 64;

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> operands, string operatorName, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var flags = services.GetRequiredService<DeploymentFlags>();
        var store = services.GetRequiredService<IFlagOverrideStore>();
        switch (operands)
        {
            case ["list"]:
                await EnsureStoreAsync(services, cancellationToken);
                await WriteAsync(output, await flags.AllAsync(cancellationToken));
                return 0;
            case ["set", var name, var value] when ParseValue(value) is { } enabled:
                return await ChangeAsync(flags, store, name, enabled, operatorName, services, output, errors, cancellationToken);
            case ["set", _, var value]:
                await errors.WriteLineAsync($"'{value}' is not a flag value: use true or false.");
                return 2;
            case ["reset", var name]:
                return await ChangeAsync(flags, store, name, null, operatorName, services, output, errors, cancellationToken);
            default:
                await errors.WriteLineAsync($"Usage: {Usage}");
                return 2;
        }
    }

    private static async Task<int> ChangeAsync(DeploymentFlags flags, IFlagOverrideStore store, string name, bool? enabled, string operatorName, IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (!flags.Names.Contains(name))
        {
            await errors.WriteLineAsync($"There is no flag '{name}'; the flags are {string.Join(", ", flags.Names)}.");
            return 2;
        }

        await EnsureStoreAsync(services, cancellationToken);
        var changedBy = $"operator:{operatorName}";
        await store.SetAsync(name, enabled, changedBy[..Math.Min(changedBy.Length, ChangedByMaxLength)], cancellationToken);
        await WriteAsync(output, [await flags.StateOfAsync(name, cancellationToken)]);
        return 0;
    }

    /// <summary>The operator may be the first to reach a fresh store: its schema is brought up to date first.</summary>
    private static async Task EnsureStoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FlagsDbContext>().Database.MigrateAsync(cancellationToken);
    }

    private static bool? ParseValue(string value) => value.ToLowerInvariant() switch
    {
        "true" or "on" or "1" => true,
        "false" or "off" or "0" => false,
        _ => null,
    };

    private static async Task WriteAsync(TextWriter output, IReadOnlyList<FlagState> states)
    {
        var width = states.Max(state => state.Name.Length);
        foreach (var state in states)
        {
            var changed = state.ChangedBy is null ? string.Empty : $"  by {state.ChangedBy} at {state.ChangedAt?.ToString("u", CultureInfo.InvariantCulture)}";
            await output.WriteLineAsync($"{state.Name.PadRight(width)}  {(state.Enabled ? "true " : "false")}  {state.Source}{changed}");
        }
    }
}
