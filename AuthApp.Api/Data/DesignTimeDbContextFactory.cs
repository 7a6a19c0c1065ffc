using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AuthApp.Api.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the app
/// (which would demand every setting); no connection is opened.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AuthDbContext>
{
    public AuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AuthDbContext>().UseNpgsql("Host=localhost;Database=authdb").Options);
}
