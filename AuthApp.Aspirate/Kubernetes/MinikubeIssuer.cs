using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// What makes AuthApp usable as the minikube API server's OpenID Connect issuer (decision 0091): the Ingress serves
/// https with a certificate from a generated CA (<c>eng/minikube-issuer-tls.sh</c> writes <c>tls/</c>, git-ignored),
/// the API publishes <c>https://auth.books.test/</c> as its issuer, and <c>cluster-access/</c> binds an AuthApp role
/// to the <c>view</c> ClusterRole (applied on its own: it is cluster RBAC, not part of the app).
/// </summary>
internal static class MinikubeIssuer
{
    public const string TlsSecretName = "authapp-tls";

    /// <summary>The API server's <c>--oidc-groups-prefix</c>: an AuthApp role can never name a built-in group such as <c>system:masters</c>.</summary>
    public const string GroupsPrefix = "authapp:";

    /// <summary>The AuthApp role the example binding maps to <c>view</c>.</summary>
    public const string ViewerRole = "cluster-viewers";

    public static string IssuerUrl(string apiHost) => $"https://{apiHost}/";

    public static KustomizeResourceGenerator TlsSecret() => new()
    {
        Name = TlsSecretName,
        Type = "kubernetes.io/tls",
        Files = ["tls.crt=tls/tls.crt", "tls.key=tls/tls.key"],
        Options = new KustomizeGeneratorOptions { DisableNameSuffixHash = true },
    };

    /// <summary>Adds the issuer URL to the api's settings; it must equal the API server's <c>--oidc-issuer-url</c> exactly.</summary>
    public static KustomizeResourceGenerator IssuerSetting(string apiHost) => new()
    {
        Name = "api-env",
        Behavior = "merge",
        Literals = [$"Oidc__Issuer={IssuerUrl(apiHost)}"],
    };

    public static void GenerateClusterAccess(GeneratedFiles files, string folder)
    {
        files.AddYaml($"{folder}/cluster-access/cluster-role-binding.yaml", new V1ClusterRoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRoleBinding",
            Metadata = new V1ObjectMeta { Name = $"authapp-{ViewerRole}-view" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "view" },
            Subjects = [new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = GroupsPrefix + ViewerRole }],
        });
        files.AddYaml($"{folder}/cluster-access/kustomization.yaml", new Kustomization { Resources = ["cluster-role-binding.yaml"] });
    }
}
