using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Modules;

namespace RepitBot.Host.Commands;

/// <summary>Creates an admin through the Users contract and prints its access code once, on standard output only.</summary>
internal static class AdminCreateCommand
{
    public static async Task<int> RunAsync(WebApplication app, string name, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetService<IUsersModule>();
        if (users is null)
        {
            await Console.Error.WriteLineAsync("admin create needs the Users module: run it with --role all or --role users.");
            return 2;
        }

        foreach (var migrator in app.Services.GetServices<IModuleDatabaseMigrator>())
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        var created = await users.CreateUserAsync(Caller.Service("cli"), new CreateUserRequest(name, UserRole.Admin), idempotencyKey: null, cancellationToken);
        if (!created.IsSuccess)
        {
            var fields = created.Error.Errors is null ? string.Empty : " " + string.Join(" ", created.Error.Errors.SelectMany(e => e.Value));
            await Console.Error.WriteLineAsync($"Could not create the admin: {created.Error.Detail}{fields}");
            return 1;
        }

        Console.WriteLine($"Admin created: user {created.Value.User.Id}, {created.Value.User.FullName}.");
        Console.WriteLine($"Access code (shown once, stored only as a hash): {created.Value.AccessCode}");
        return 0;
    }
}
