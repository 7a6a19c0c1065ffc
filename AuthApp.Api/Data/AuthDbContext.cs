using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.OpenIdConnect;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Api.Data;

/// <summary>The account store.</summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options)
{
    public DbSet<UserAccount> Users => Set<UserAccount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var user = modelBuilder.Entity<UserAccount>();
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).HasColumnName("id").ValueGeneratedNever();
        user.Property(u => u.Email).HasColumnName("email").HasMaxLength(UserLimits.EmailMaxLength);
        user.Property(u => u.NormalizedEmail).HasColumnName("normalized_email").HasMaxLength(UserLimits.EmailMaxLength);
        user.HasIndex(u => u.NormalizedEmail).IsUnique();
        user.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(UserLimits.DisplayNameMaxLength);
        user.Property(u => u.PasswordHash).HasColumnName("password_hash");
        user.Property(u => u.Roles).HasColumnName("roles").HasColumnType("text[]");
        user.Property(u => u.IsActive).HasColumnName("is_active");
        user.Property(u => u.EmailVerified).HasColumnName("email_verified");
        user.Property(u => u.CreatedAt).HasColumnName("created_at");
        user.Property(u => u.UpdatedAt).HasColumnName("updated_at");

        // The audit log (issue 5) keeps its own configuration in Features/Audit.
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());

        // The OpenID Connect issuer (issue 12): OpenIddict's applications, authorizations, scopes and tokens,
        // and the issuer's own keys.
        modelBuilder.UseOpenIddict();
        modelBuilder.ApplyConfiguration(new OidcKeyConfiguration());
    }
}
