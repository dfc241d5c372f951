using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Idempotency;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users.Persistence;

/// <summary>
/// The Users module's store. Each provider has its own subclass only so that each has its own migrations;
/// the model is this one.
/// </summary>
internal abstract class UsersDbContext(DbContextOptions options) : ModuleDbContext(options, UsersDbContext.Schema)
{
    public const string Schema = "users";

    public DbSet<User> Users => Set<User>();

    public DbSet<ParentLink> ParentLinks => Set<ParentLink>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.FullName).HasMaxLength(100).IsRequired();
            user.Property(u => u.SearchName).HasMaxLength(100).IsRequired();
            user.Property(u => u.Username).HasMaxLength(32);
            user.Property(u => u.Role).HasConversion<string>().HasMaxLength(16).IsRequired();
            user.Property(u => u.AccessCodeLookup).HasMaxLength(16).IsRequired();
            user.Property(u => u.AccessCodeHash).HasMaxLength(100).IsRequired();
            user.HasIndex(u => u.AccessCodeLookup).IsUnique();
            user.HasIndex(u => u.TelegramId).IsUnique();
            user.HasIndex(u => u.TutorId);
            user.HasIndex(u => u.Role);
            user.HasOne<User>().WithMany().HasForeignKey(u => u.TutorId).OnDelete(DeleteBehavior.Restrict);
            user.HasMany(u => u.Parents).WithOne().HasForeignKey(l => l.ChildId).OnDelete(DeleteBehavior.Cascade);
            user.HasMany(u => u.Children).WithOne().HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_records");

            // A key names a write of one caller only: another caller's same key is another write.
            record.HasKey(r => new { r.Caller, r.KeyHash });
            record.Property(r => r.Caller).HasMaxLength(64);
            record.Property(r => r.KeyHash).HasMaxLength(64);
            record.Property(r => r.Operation).HasMaxLength(32).IsRequired();
            record.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
            record.Property(r => r.SealedCode).IsRequired();
            record.HasIndex(r => r.ExpiresAt);
            record.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ParentLink>(link =>
        {
            link.ToTable("parent_links");
            link.HasKey(l => new { l.ChildId, l.ParentId });
            link.HasIndex(l => l.ParentId);
        });
    }
}
