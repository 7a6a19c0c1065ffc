using AuthApp.Dashboard.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AuthApp.Dashboard.Otlp;

/// <summary>Refuses OTLP/gRPC calls without the run's API key with <c>Unauthenticated</c>.</summary>
internal sealed class OtlpApiKeyInterceptor(DashboardSecrets secrets) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!OtlpApiKeyCheck.IsAuthorized(context.GetHttpContext(), secrets))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"A single valid '{OtlpApiKeyCheck.HeaderName}' header is required."));
        }

        return continuation(request, context);
    }
}
