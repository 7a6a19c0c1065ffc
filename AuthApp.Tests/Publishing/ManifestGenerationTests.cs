using AuthApp.Aspirate.Kubernetes;
using AuthApp.Aspirate.Manifest;
using k8s;
using k8s.Models;

namespace AuthApp.Tests.Publishing;

/// <summary>The generator's reading of manifest shapes Aspire 13 writes, on small manifests, in-process.</summary>
public sealed class ManifestGenerationTests
{
    private const string Secret = """
        "pw": {"type": "parameter.v0", "value": "{pw.inputs.value}", "inputs": {"value": {"type": "string", "secret": true, "default": {"generate": {"minLength": 22}}}}},
        "pw-uri-encoded": {"type": "annotated.string", "value": "{pw.value}", "filter": "uri"},
        """;

    private const string Db = """
        "db": {"type": "container.v0", "image": "docker.io/library/postgres:18.3",
               "connectionString": "Host={db.bindings.tcp.host};Port={db.bindings.tcp.port};Password={pw.value}{tls.connectionString}",
               "env": {"POSTGRES_PASSWORD": "{pw.value}"}, "bindings": {"tcp": {"scheme": "tcp", "protocol": "tcp", "transport": "tcp", "targetPort": 5432}}},
        "tls": {"type": "value.v0", "connectionString": ""},
        """;

    [Fact]
    public void AValueDerivedFromASecretParameterIsASecretReferenceNeverAConfigMapLiteral()
    {
        var files = Generate(Secret + Db + """
            "app": {"type": "project.v0", "path": "../App/App.csproj", "env": {
              "PLAIN": "{db.bindings.tcp.host}", "DB_PASSWORD": "{pw.value}", "DB_URI": "pg://:{pw-uri-encoded.value}@{db.bindings.tcp.host}",
              "ConnectionStrings__db": "{db.connectionString}"},
              "bindings": {"http": {"scheme": "http", "protocol": "tcp", "transport": "http"}}}
            """);

        Assert.Equal(["PLAIN=db", "ASPNETCORE_URLS=http://+:8080"], Kustomization(files, "base/app/kustomization.yaml").ConfigMapGenerator!.Single().Literals);
        var env = Deployment(files, "app").Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name);
        Assert.Equal("pw", env["Parameters__pw"].ValueFrom.SecretKeyRef.Key);
        Assert.Equal("pw", env["DB_PASSWORD"].ValueFrom.SecretKeyRef.Key);
        Assert.Equal("pg://:$(Parameters__pw)@db", env["DB_URI"].Value);

        // The empty value.v0 (Aspire 13's "TLS enabled" condition) adds nothing.
        Assert.Equal("Host=db;Port=5432;Password=$(Parameters__pw)", env["ConnectionStrings__db"].Value);
        Assert.Equal("Parameters__pw", env.Keys.First());
    }

    [Fact]
    public void AProjectsHttpsEndpointIsLeftToTheIngressAndVariablesPointingAtItAreLeftOut()
    {
        var files = Generate("""
            "api": {"type": "project.v0", "path": "../Api/Api.csproj", "bindings": {
              "http": {"scheme": "http", "protocol": "tcp", "transport": "http", "external": true},
              "https": {"scheme": "https", "protocol": "tcp", "transport": "http", "external": true}}},
            "web": {"type": "project.v0", "path": "../Web/Web.csproj", "env": {"API_HTTP": "{api.bindings.http.url}", "API_HTTPS": "{api.bindings.https.url}"},
              "bindings": {"http": {"scheme": "http", "protocol": "tcp", "transport": "http"}}}
            """);

        Assert.Equal(["API_HTTP=http://api:8080", "ASPNETCORE_URLS=http://+:8080"], Kustomization(files, "base/web/kustomization.yaml").ConfigMapGenerator!.Single().Literals);
        Assert.Equal(["http"], Deployment(files, "api").Spec.Template.Spec.Containers[0].Ports.Select(p => p.Name));
        Assert.Equal(["web"], KubernetesYaml.Deserialize<V1NetworkPolicy>(files["base/api/network-policy.yaml"], strict: true).Spec.Ingress.Single().FromProperty.Select(f => f.PodSelector.MatchLabels["app"]));
    }

    [Fact]
    public void AProjectRunWithArgumentsFromAServingProjectsCsprojIsItsInitContainer()
    {
        var files = Generate(Secret + Db + """
            "migrations": {"type": "project.v0", "path": "../Api/Api.csproj", "args": ["migrate"], "env": {"ConnectionStrings__db": "{db.connectionString}"}},
            "api": {"type": "project.v0", "path": "../Api/Api.csproj", "bindings": {"http": {"scheme": "http", "protocol": "tcp", "transport": "http"}}}
            """);

        Assert.DoesNotContain("base/migrations/deployment.yaml", files.Keys);
        var pod = Deployment(files, "api").Spec.Template.Spec;
        var migration = Assert.Single(pod.InitContainers);
        Assert.Equal(("migrations", "api:latest", "migrate"), (migration.Name, migration.Image, migration.Args.Single()));
        Assert.Null(migration.Ports);

        // The database is reached from the api pod, where the migration runs.
        Assert.Equal(["api"], KubernetesYaml.Deserialize<V1NetworkPolicy>(files["base/db/network-policy.yaml"], strict: true).Spec.Ingress.Single().FromProperty.Select(f => f.PodSelector.MatchLabels["app"]));
    }

    [Theory]
    [InlineData("""{"resources": {"w": {"type": "executable.v0", "command": "w"}}}""", "Resource 'w' has type 'executable.v0'")]
    [InlineData("""{"resources": {"w": {"type": "container.v1", "build": {"context": "."}}}}""", "Container 'w' has no image")]
    [InlineData("""{"resources": {"c": {"type": "container.v0", "image": "x", "bindMounts": [{"source": "/tmp", "target": "/x"}]}}}""", "Container 'c' has bind mounts")]
    [InlineData("""{"resources": {"p": {"type": "parameter.v0", "value": "{p.inputs.value}", "inputs": {"value": {"type": "string"}}}, "a": {"type": "project.v0", "path": "a.csproj", "env": {"P": "{p.value}"}}}}""", "Parameter 'p' is neither secret nor has a default value")]
    [InlineData("""{"resources": {"a": {"type": "project.v0", "path": "a.csproj", "env": {"X": "{nothing.connectionString}"}}}}""", "refers to 'nothing'")]
    public void WhatTheClusterCannotRunIsRefusedWithItsName(string manifest, string message)
    {
        var error = Assert.Throws<ManifestException>(() => new KustomizeGenerator(ManifestReader.Parse(manifest)).Generate(new KubernetesPublishingOptions()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonSecretParameterTakesItsPublishedDefault()
    {
        var files = Generate("""
            "email": {"type": "parameter.v0", "value": "{email.inputs.value}", "inputs": {"value": {"type": "string", "default": {"value": "admin@example.test"}}}},
            "a": {"type": "project.v0", "path": "a.csproj", "env": {"EMAIL": "{email.value}"}}
            """);

        Assert.Contains("EMAIL=admin@example.test", Kustomization(files, "base/a/kustomization.yaml").ConfigMapGenerator!.Single().Literals!);
    }

    private static IReadOnlyDictionary<string, string> Generate(string resources) =>
        new KustomizeGenerator(ManifestReader.Parse("{\"resources\": {" + resources + "}}")).Generate(new KubernetesPublishingOptions()).Files;

    private static V1Deployment Deployment(IReadOnlyDictionary<string, string> files, string name) =>
        KubernetesYaml.Deserialize<V1Deployment>(files[$"base/{name}/deployment.yaml"], strict: true);

    private static Kustomization Kustomization(IReadOnlyDictionary<string, string> files, string path) =>
        KubernetesYaml.Deserialize<Kustomization>(files[path], strict: true);
}
