using AuthApp.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAdminSite();

var app = builder.Build();
app.UseSecurityHeaders();
if (!await app.ConfigurationIsValidAsync())
{
    return 1;
}

app.UseAdminSite();
app.MapDefaultEndpoints();
app.MapAdminSite();
await app.RunAsync();
return 0;
