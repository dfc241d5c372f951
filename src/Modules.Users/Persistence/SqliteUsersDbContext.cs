using Microsoft.EntityFrameworkCore;

namespace RepitBot.Modules.Users.Persistence;

internal sealed class SqliteUsersDbContext(DbContextOptions<SqliteUsersDbContext> options) : UsersDbContext(options);
