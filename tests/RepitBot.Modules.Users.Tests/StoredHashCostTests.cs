using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.AccessCodes;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.AccessCodes;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

/// <summary>The dummy check of an unknown code costs what the stored codes cost, not what the setting says today.</summary>
public sealed class StoredHashCostTests
{
    [Fact]
    public async Task Given_codes_hashed_with_another_cost_than_the_setting_Then_the_dummy_uses_the_stored_cost()
    {
        using var folder = TempFolder.Create("repitbot-hash-cost-");
        var options = new ModuleDatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder.Path, "users.db")}", UsersDbContext.Schema);
        var builder = new DbContextOptionsBuilder<SqliteUsersDbContext>();
        builder.UseModuleDatabase(options);
        await using var db = new SqliteUsersDbContext(builder.Options);
        await db.Database.MigrateAsync();
        var hasher = new AccessCodeHasher(new UsersSettings(options, AccessCodeWorkFactor: 6, BootstrapAdmin: false));
        var storedCost = new StoredHashCost(hasher, TimeProvider.System);
        var beforeAnyCode = await storedCost.GetAsync(db, CancellationToken.None);

        var code = AccessCode.Generate();
        db.Users.Add(User.Create(UserRole.Tutor, "Тьютор Старый", null, null, code.LookupId, BCrypt.Net.BCrypt.HashPassword(code.Secret, 4), DateTime.UtcNow));
        await db.SaveChangesAsync();
        var later = new StoredHashCost(hasher, TimeProvider.System);

        Assert.Equal(6, beforeAnyCode);
        Assert.Equal(4, await later.GetAsync(db, CancellationToken.None));
    }
}
