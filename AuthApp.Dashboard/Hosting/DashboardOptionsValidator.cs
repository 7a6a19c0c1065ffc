using Microsoft.Extensions.Options;

namespace AuthApp.Dashboard.Hosting;

/// <summary>Stops the AppHost at startup when a dashboard setting cannot work, naming the key.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var failures = new List<string>();
        CheckPort(failures, "Dashboard:Port", options.Port);
        CheckPort(failures, "Dashboard:OtlpGrpcPort", options.OtlpGrpcPort);
        CheckPort(failures, "Dashboard:OtlpHttpPort", options.OtlpHttpPort);
        var fixedPorts = new[] { options.Port, options.OtlpGrpcPort, options.OtlpHttpPort }.Where(p => p != 0).ToArray();
        if (fixedPorts.Distinct().Count() != fixedPorts.Length)
        {
            failures.Add("Dashboard:Port, Dashboard:OtlpGrpcPort and Dashboard:OtlpHttpPort must differ.");
        }

        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            failures.Add($"Dashboard:OtlpProtocol must be 'grpc' or 'http/protobuf', not '{options.OtlpProtocol}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string key, int port)
    {
        if (port is < 0 or > 65535)
        {
            failures.Add($"{key} must be between 0 (pick a free port) and 65535, not {port}.");
        }
    }
}
