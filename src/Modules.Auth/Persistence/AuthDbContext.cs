using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Domain;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Auth.Persistence;

/// <summary>The Auth module's store, in its own schema. One subclass per provider, each with its own migrations.</summary>
internal abstract class AuthDbContext(DbContextOptions options) : ModuleDbContext(options, AuthDbContext.Schema)
{
    public const string Schema = "auth";

    public DbSet<TokenFamily> TokenFamilies => Set<TokenFamily>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<RevokedAccessToken> RevokedAccessTokens => Set<RevokedAccessToken>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<TelegramGrant> TelegramGrants => Set<TelegramGrant>();

    public DbSet<RevocationCounter> RevocationCounters => Set<RevocationCounter>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TokenFamily>(family =>
        {
            family.ToTable("token_families");
            family.HasKey(f => f.Id);
            family.Property(f => f.RevokedReason).HasMaxLength(64);
            family.HasIndex(f => f.UserId);
            family.HasIndex(f => f.ExpiresAt);
            family.HasIndex(f => f.RevokedGeneration);
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.Property(t => t.AccessTokenId).HasMaxLength(64);
            token.HasOne<TokenFamily>().WithMany().HasForeignKey(t => t.FamilyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RevokedAccessToken>(revoked =>
        {
            revoked.ToTable("revoked_access_tokens");
            revoked.HasKey(r => r.Jti);
            revoked.Property(r => r.Jti).HasMaxLength(64);
            revoked.HasIndex(r => r.ExpiresAt);
            revoked.HasIndex(r => r.Generation);
        });

        modelBuilder.Entity<TelegramGrant>(grant =>
        {
            grant.ToTable("telegram_grants");
            grant.HasKey(g => new { g.UserId, g.TelegramId });
        });

        modelBuilder.Entity<RevocationCounter>(counter =>
        {
            counter.ToTable("revocation_counter");
            counter.HasKey(c => c.Id);
            counter.Property(c => c.Id).ValueGeneratedNever();
            counter.HasData(new RevocationCounter { Id = RevocationCounter.SingletonId, Generation = 0 });
        });

        modelBuilder.Entity<AuditEvent>(audit =>
        {
            audit.ToTable("audit_events");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.EventType).HasMaxLength(32).IsRequired();
            audit.Property(a => a.Outcome).HasMaxLength(16).IsRequired();
            audit.Property(a => a.ClientAddress).HasMaxLength(64);
            audit.Property(a => a.CodeLookupId).HasMaxLength(16);
            audit.Property(a => a.Detail).HasMaxLength(200);
            audit.HasIndex(a => a.OccurredAt);
            audit.HasIndex(a => new { a.UserId, a.OccurredAt });
            audit.HasIndex(a => new { a.EventType, a.OccurredAt });
        });
    }
}
