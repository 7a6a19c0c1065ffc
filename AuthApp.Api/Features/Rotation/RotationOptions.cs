using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Rotation;

/// <summary>Settings of <c>rotate-credentials</c> from the <c>Rotation</c> section.</summary>
public sealed class RotationOptions
{
    public const string Section = "Rotation";

    /// <summary>
    /// <c>Rotation:SwitchDelay</c>: how long every process needs to see a change of the secret folder, waited between
    /// the steps of a rotation (new value written, then the old one given up). Default 10 seconds: the services poll the
    /// folder about every 4 seconds. On AKS it must exceed the CSI driver's rotation poll interval plus the kubelet's sync.
    /// </summary>
    public TimeSpan SwitchDelay { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Names the key when the delay is out of range.</summary>
internal sealed class RotationOptionsValidator : IValidateOptions<RotationOptions>
{
    public ValidateOptionsResult Validate(string? name, RotationOptions options) =>
        options.SwitchDelay < TimeSpan.FromSeconds(1) || options.SwitchDelay > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail("Rotation:SwitchDelay must be a TimeSpan between 00:00:01 and 01:00:00.")
            : ValidateOptionsResult.Success;
}
