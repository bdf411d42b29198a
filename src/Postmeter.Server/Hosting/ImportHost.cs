using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Postmeter.Server.Cli;

namespace Postmeter.Server.Hosting;

/// <summary>
/// Runs an import plan on the .NET generic host: the ingestion (and, while following, the retention loop) as
/// background services, SIGTERM/SIGINT as a clean stop. The workspace is opened first, so a workspace that cannot be
/// used is the same one-line error as before anything starts; a failure of the run is thrown again after the host stopped.
/// </summary>
internal static class ImportHost
{
    public static void Run(ImportPlan plan, CliContext context)
    {
        if (plan.Web is not null)
        {
            Web.WebServer.Run(plan, context);
            return;
        }

        using var store = context.OpenWorkspace(plan.Workspace, false);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "postmeter" });
        builder.Services.AddPostmeterLogging(context, plan.LogLevel);
        builder.Services.AddPostmeterStore(store);
        builder.Services.AddPostmeterIngest(plan, context);
        using var host = builder.Build();
        var outcome = host.Services.GetRequiredService<ImportOutcome>();
        host.Run();
        outcome.ThrowIfFailed();
    }
}
