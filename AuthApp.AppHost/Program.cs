using AuthApp.Dashboard;
using AuthApp.Hosting;
using AuthApp.Hosting.Orchestration;
using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddDashboard();

var postgres = builder.AddPostgres("postgres").WithDataVolume();
var authdb = postgres.AddDatabase("authdb");
var redis = builder.AddRedis("redis").WithDataVolume();

var tokenHashKey = builder.AddParameter("token-hash-key", secret: true, generate: new() { MinLength = 44, Special = false });
var adminEmail = builder.AddParameter("admin-email", "admin@authapp.local");
var adminPassword = builder.AddParameter("admin-password", secret: true, generate: new() { MinLength = 22 });

var migrations = builder.AddProject("migrations", "../AuthApp.Api/AuthApp.Api.csproj")
    .WithArgs("migrate")
    .WithReference(authdb)
    .WaitFor(authdb);

var api = builder.AddProject("api", "../AuthApp.Api/AuthApp.Api.csproj")
    .WithReference(authdb)
    .WithReference(redis)
    .WithEnvironment("Auth__TokenHashKey", tokenHashKey)
    .WithEnvironment("Bootstrap__AdminEmail", adminEmail)
    .WithEnvironment("Bootstrap__AdminPassword", adminPassword)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithUrl("/scalar/v1", "API reference")
    .WaitFor(redis)
    .WaitForCompletion(migrations);

builder.AddProject("web", "../AuthApp.Web/AuthApp.Web.csproj")
    .WithReference(api)
    .WithReference(redis)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WaitFor(api);

// The summary printed once everything is up says how to sign in to the admin site.
builder.Services.AddSingleton<ISummaryLineProvider>(services =>
    new AdminLoginSummary(services.GetRequiredService<ResourceNotificationService>(), adminEmail));

builder.Build().Run();
