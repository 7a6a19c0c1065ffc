using AuthApp.Hosting;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Orchestration;
using AuthApp.Hosting.Resources;
using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthApp.Tests.AppHost.Orchestration;

/// <summary>The variables a project receives carry Aspire's exact names and formats (aspire-compat.md §2).</summary>
public sealed class ProjectEnvironmentTests
{
    private readonly IResourceBuilder<ProjectResource> _api;
    private readonly IResourceBuilder<ProjectResource> _web;

    public ProjectEnvironmentTests()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { AppHostDirectory = Path.GetTempPath() });
        var postgres = builder.AddPostgres("postgres");
        var authdb = postgres.AddDatabase("authdb");
        var redis = builder.AddRedis("redis");
        var key = builder.AddParameter("token-hash-key", secret: true);
        var email = builder.AddParameter("admin-email", "admin@authapp.local");
        _api = builder.AddProject("api", "../AuthApp.Api/AuthApp.Api.csproj")
            .WithReference(authdb).WithReference(redis)
            .WithEnvironment("Auth__TokenHashKey", key)
            .WithEnvironment("Bootstrap__AdminEmail", email);
        _web = builder.AddProject("web", "../AuthApp.Web/AuthApp.Web.csproj").WithReference(_api);

        postgres.Resource.PasswordParameter.Value = "pg-pass";
        redis.Resource.PasswordParameter.Value = "redispass";
        key.Resource.Value = "the-key";
        email.Resource.Value = "admin@authapp.local";
        Allocate(postgres.Resource, 5432);
        Allocate(redis.Resource, 6379);
        Allocate(_api.Resource, 5100);
        Allocate(_web.Resource, 5200);
    }

    [Fact]
    public async Task ReferencesBecomeAspireConnectionStringsAndServiceEndpoints()
    {
        var api = await BuildAsync(_api.Resource);
        var web = await BuildAsync(_web.Resource);

        Assert.Equal("Host=localhost;Port=5432;Username=postgres;Password=pg-pass;Database=authdb", api["ConnectionStrings__authdb"].Value);
        Assert.Equal("localhost:6379,password=redispass", api["ConnectionStrings__redis"].Value);
        Assert.Equal("http://localhost:5100", web["services__api__http__0"].Value);
        Assert.Equal("the-key", api["Auth__TokenHashKey"].Value);
        Assert.Equal("admin@authapp.local", api["Bootstrap__AdminEmail"].Value);
    }

    [Fact]
    public async Task SecretsAreFlaggedSoViewersMaskThem()
    {
        var api = await BuildAsync(_api.Resource);

        Assert.True(api["ConnectionStrings__authdb"].IsSecret);
        Assert.True(api["ConnectionStrings__redis"].IsSecret);
        Assert.True(api["Auth__TokenHashKey"].IsSecret);
        Assert.False(api["Bootstrap__AdminEmail"].IsSecret);
        Assert.False(api["ASPNETCORE_URLS"].IsSecret);
    }

    [Fact]
    public async Task EveryProjectGetsItsUrlEnvironmentAndOpenTelemetryIdentity()
    {
        var api = await BuildAsync(_api.Resource);

        Assert.Equal("http://localhost:5100", api["ASPNETCORE_URLS"].Value);
        Assert.Equal("Development", api["ASPNETCORE_ENVIRONMENT"].Value);
        Assert.Equal("Development", api["DOTNET_ENVIRONMENT"].Value);
        Assert.Equal("simple", api["LOGGING__CONSOLE__FORMATTERNAME"].Value);
        Assert.Equal("api", api["OTEL_SERVICE_NAME"].Value);
        Assert.Matches("^service\\.instance\\.id=[a-z]{8}$", api["OTEL_RESOURCE_ATTRIBUTES"].Value);
        Assert.Equal("true", api["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"].Value);
        Assert.Equal("true", api["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES"].Value);
        Assert.Equal("in_memory", api["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"].Value);
        Assert.Equal("1000", api["OTEL_BLRP_SCHEDULE_DELAY"].Value);
        Assert.Equal("1000", api["OTEL_BSP_SCHEDULE_DELAY"].Value);
        Assert.Equal("1000", api["OTEL_METRIC_EXPORT_INTERVAL"].Value);
        Assert.Equal("always_on", api["OTEL_TRACES_SAMPLER"].Value);
    }

    [Fact]
    public async Task OutsideDevelopmentTheFastExportSettingsAreLeftOut()
    {
        var api = await BuildAsync(_api.Resource, new AppHostOptions { Environment = "Production" });

        Assert.Equal("Production", api["ASPNETCORE_ENVIRONMENT"].Value);
        Assert.False(api.ContainsKey("OTEL_BSP_SCHEDULE_DELAY"));
        Assert.False(api.ContainsKey("OTEL_TRACES_SAMPLER"));
        Assert.True(api.ContainsKey("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"));
    }

    [Fact]
    public async Task WithoutADashboardNoOtlpEndpointIsSet()
    {
        var api = await BuildAsync(_api.Resource);

        Assert.DoesNotContain(api.Keys, k => k.StartsWith("OTEL_EXPORTER_OTLP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegisteredOtlpSettingsBecomeEndpointProtocolAndApiKeyHeader()
    {
        var otlp = new OtlpExporterSettings { Endpoint = new Uri("http://localhost:18889"), Protocol = "grpc", ApiKey = "k3y" };

        var api = await BuildAsync(_api.Resource, otlp: otlp);

        Assert.Equal("http://localhost:18889", api["OTEL_EXPORTER_OTLP_ENDPOINT"].Value);
        Assert.Equal("grpc", api["OTEL_EXPORTER_OTLP_PROTOCOL"].Value);
        Assert.Equal("x-otlp-api-key=k3y", api["OTEL_EXPORTER_OTLP_HEADERS"].Value);
        Assert.True(api["OTEL_EXPORTER_OTLP_HEADERS"].IsSecret);
    }

    private static void Allocate(IResource resource, int port)
    {
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().First();
        endpoint.AllocatedEndpoint = new AllocatedEndpoint("localhost", port, endpoint.UriScheme);
    }

    private static async Task<Dictionary<string, EnvironmentVariableSnapshot>> BuildAsync(
        ProjectResource project, AppHostOptions? options = null, OtlpExporterSettings? otlp = null)
    {
        var services = new ServiceCollection();
        if (otlp is not null)
        {
            services.AddSingleton(otlp);
        }

        await using var provider = services.BuildServiceProvider();
        var environment = new ProjectEnvironment(Options.Create(options ?? new AppHostOptions()), provider);
        var variables = await environment.BuildAsync(project, TestContext.Current.CancellationToken);
        return variables.ToDictionary(v => v.Name);
    }
}
