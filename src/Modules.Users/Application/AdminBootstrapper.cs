using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// On the first start against an empty database, creates an admin and prints its access code once, straight to the
/// console: the one deliberate exception to "no code in any output", and never through the logger.
/// </summary>
internal sealed partial class AdminBootstrapper(IServiceScopeFactory scopes, ILogger<AdminBootstrapper> logger)
{
    public const string AdminName = "Administrator";

    public async Task RunAsync(TextWriter console, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var users = scope.ServiceProvider.GetRequiredKeyedService<IUsersModule>(RepitBot.Shared.Platform.Routing.ModuleImplementation.Local);

        // Serializable, so two instances starting together on one empty database create one admin, not two. Under the
        // context's execution strategy, which retries the whole transaction on a transient failure.
        var strategy = db.Database.CreateExecutionStrategy();
        var created = await strategy.ExecuteAsync(async Task<UserWithAccessCode?> () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return null;
            }

            var result = await users.CreateUserAsync(Caller.Service("bootstrap"), new CreateUserRequest(AdminName, UserRole.Admin), idempotencyKey: null, cancellationToken);
            if (!result.IsSuccess)
            {
                LogFailed(logger, result.Error.Detail);
                return null;
            }

            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException e) when (!e.IsTransient)
            {
                // Another instance won the race and created the first admin.
                return null;
            }

            return result.Value;
        });
        if (created is null)
        {
            return;
        }

        LogCreated(logger, created.User.Id);
        await console.WriteLineAsync($"""

            ================================================================
             RepitBot: first start. An admin was created (user {created.User.Id}).
             Admin access code: {created.AccessCode}
             It is shown once and stored only as a hash. Keep it safe.
            ================================================================

            """);
        await console.FlushAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First admin created (user {UserId}); its access code was printed on the console")]
    private static partial void LogCreated(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the first admin: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
