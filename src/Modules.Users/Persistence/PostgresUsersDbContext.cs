using Microsoft.EntityFrameworkCore;

namespace RepitBot.Modules.Users.Persistence;

internal sealed class PostgresUsersDbContext(DbContextOptions<PostgresUsersDbContext> options) : UsersDbContext(options);
