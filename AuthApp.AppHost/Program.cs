using AuthApp.AppHost;
using AuthApp.LocalServers;

var builder = DistributedApplication.CreateBuilder(args);
if (!AppHostSettings.AreValid(builder))
{
    return 1;
}

// Stock containers where a container runtime answers (and always in the published manifest); otherwise the
// installed servers as executables with the same connection strings (decision 0080).
var containers = builder.UsesContainers();
IResourceBuilder<IResourceWithConnectionString> authdb = containers
    ? builder.AddPostgres("postgres").WithDataVolume("authapp-postgres-data").AddDatabase("authdb")
    : builder.AddLocalPostgres("postgres").AddDatabase("authdb");
IResourceBuilder<IResourceWithConnectionString> redis = containers
    ? builder.AddRedis("redis").WithDataVolume("authapp-redis-data").WithAppendOnlyFile()
    : builder.AddLocalRedis("redis");

var tokenHashKey = builder.AddParameter("token-hash-key", new GenerateParameterDefault { MinLength = 44, Special = false }, secret: true, persist: true);
// Published as the default so Kubernetes output gets the same bootstrap admin as a local run (decision 0081).
var adminEmail = builder.AddParameter("admin-email", "admin@authapp.local", publishValueAsDefault: true);
var adminPassword = builder.AddParameter("admin-password", new GenerateParameterDefault { MinLength = 22 }, secret: true, persist: true);

var migrations = builder.AddProject<Projects.AuthApp_Api>("migrations", options => options.ExcludeLaunchProfile = true)
    .WithArgs("migrate")
    .WithReference(authdb)
    .WaitFor(authdb);

var api = builder.AddProject<Projects.AuthApp_Api>("api")
    .WithReference(authdb)
    .WithReference(redis)
    .WithEnvironment("Auth__TokenHashKey", tokenHashKey)
    .WithEnvironment("Bootstrap__AdminEmail", adminEmail)
    .WithEnvironment("Bootstrap__AdminPassword", adminPassword)
    .WithIntrospectionClients()
    .WithSecretFolder()
    .WithRotateCredentialsCommand(authdb, redis, tokenHashKey)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithAppHostEnvironment()
    .WithApiReferenceUrl()
    .WaitFor(redis)
    .WaitForCompletion(migrations);

var web = builder.AddProject<Projects.AuthApp_Web>("web")
    .WithReference(api)
    .WithReference(redis)
    .WithSecretFolder()
    .WithAppHostEnvironment()
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WaitFor(api);

if (!builder.PortsAreFree())
{
    return 1;
}

builder.PrintSummaryWhenUp(api, web, adminEmail);
builder.Build().Run();
return 0;
