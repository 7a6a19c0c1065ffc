using AuthApp.Api.Features.Admin;
using AuthApp.Api.Features.OpenIdConnect;
using AuthApp.Api.Features.Rotation;
using AuthApp.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAuthApi();

var app = builder.Build();
if (args is ["migrate", ..])
{
    return await app.MigrateAndExitAsync();
}

if (!await app.ConfigurationIsValidAsync())
{
    return 1;
}

if (args is [RotateCommand.Name, .. var rotated])
{
    return await app.RotateAndExitAsync(rotated);
}

app.UseAuthApi();
app.MapDefaultEndpoints();
app.MapAuthApi();

await app.MigrateInDevelopmentAsync();
await app.BootstrapAdminAsync();
await app.PrepareOpenIdConnectIssuerAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
