using Microsoft.Extensions.Logging;

namespace AuthApp.Dashboard.Hosting;

internal static partial class DashboardLog
{
    /// <summary>The one place the browser token is written: it is the sign-in link, as in Aspire.</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Login to the dashboard at {LoginUrl}")]
    public static partial void LoginUrl(ILogger logger, string loginUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Dashboard OTLP receivers: gRPC {GrpcUrl}, HTTP/protobuf {HttpUrl}")]
    public static partial void OtlpEndpoints(ILogger logger, string grpcUrl, string httpUrl);
}
