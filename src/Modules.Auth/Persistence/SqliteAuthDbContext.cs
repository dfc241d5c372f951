using Microsoft.EntityFrameworkCore;

namespace RepitBot.Modules.Auth.Persistence;

internal sealed class SqliteAuthDbContext(DbContextOptions<SqliteAuthDbContext> options) : AuthDbContext(options);
