using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Server.Hosting;

namespace Postmeter.Server.Api;

/// <summary><c>GET /api/v1/import/progress</c>: how far the first import of the logs is, for the UI's progress banner.</summary>
internal static class ImportProgressApi
{
    public static IEndpointRouteBuilder MapImportProgressApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/import/progress", Read).WithTags("Import")
            .WithSummary("While the logs found at start are being imported: percent of their bytes, lines so far and the time left.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static Ok<ImportProgressView> Read(ImportProgressState state)
    {
        if (state.Latest() is not var (progress, elapsed))
        {
            return TypedResults.Ok(new ImportProgressView(false, 0, 0, 0, 0, null));
        }

        var active = progress.Active;
        var percent = progress.BytesTotal > 0 ? Math.Round(100.0 * Math.Min(progress.BytesDone, progress.BytesTotal) / progress.BytesTotal, 1) : active ? 0 : 100;
        double? eta = active && progress.BytesDone > 0 && progress.BytesTotal > progress.BytesDone
            ? Math.Round(elapsed.TotalSeconds * (progress.BytesTotal - progress.BytesDone) / progress.BytesDone, 1)
            : null;
        return TypedResults.Ok(new ImportProgressView(active, percent, progress.BytesDone, progress.BytesTotal, progress.Lines, eta));
    }
}

/// <summary>The first import's progress.</summary>
/// <param name="Active">The logs found at start are still being read.</param>
/// <param name="EtaSeconds">Time left at the rate so far; null when unknown or done.</param>
internal sealed record ImportProgressView(bool Active, double Percent, long BytesDone, long BytesTotal, long Lines, double? EtaSeconds);
