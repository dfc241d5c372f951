using Microsoft.EntityFrameworkCore;

namespace RepitBot.Modules.Auth.Persistence;

internal sealed class PostgresAuthDbContext(DbContextOptions<PostgresAuthDbContext> options) : AuthDbContext(options);
