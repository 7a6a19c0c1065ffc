namespace AuthApp.Aspirate.Kubernetes;

/// <summary>Aspirate's <c>generate</c> options, with AuthApp's defaults.</summary>
internal sealed record KubernetesPublishingOptions
{
    /// <summary>Namespace everything is deployed into (Aspirate's <c>--namespace</c>).</summary>
    public string Namespace { get; init; } = "authapp";

    /// <summary>Pull policy of the project images in base (Aspirate's <c>--image-pull-policy</c>).</summary>
    public string ImagePullPolicy { get; init; } = "IfNotPresent";

    /// <summary>Registry prefix of the project images in base, e.g. <c>myacr.azurecr.io</c>; none by default.</summary>
    public string? ContainerRegistry { get; init; }

    /// <summary>Tag of the project images (Aspirate's <c>--container-image-tag</c>).</summary>
    public string ContainerImageTag { get; init; } = "latest";

    /// <summary>The single Secret holding every secret parameter, keyed by parameter name.</summary>
    public string SecretName { get; init; } = "authapp-parameters";

    /// <summary>Host label of each external resource's ingress (<c>auth</c>.books.test → api).</summary>
    public IReadOnlyDictionary<string, string> IngressHostLabels { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["api"] = "auth", ["web"] = "admin" };

    /// <summary>Port every project listens on in the cluster.</summary>
    public const int ProjectPort = 8080;
}
