using AuthApp.Api.Features.Admin;
using AuthApp.Api.Features.OpenIdConnect;
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
