using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Postmeter.Server.Web;
using Prometheus;

namespace Postmeter.Server.Metrics;

/// <summary><c>/metrics</c> in Prometheus text: ingestion and mail counters, and the process's own; a token (or session) unless <c>--metrics-public</c>.</summary>
internal static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var metrics = app.ServiceProvider.GetRequiredService<IngestMetrics>();
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(metrics.BeforeScrape);
        var endpoint = app.MapMetrics("/metrics");
        if (app.ServiceProvider.GetRequiredService<IOptions<WebOptions>>().Value.MetricsPublic)
        {
            endpoint.AllowAnonymous();
        }

        return app;
    }
}
