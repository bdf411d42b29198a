using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Postmeter.Ingest.Importing;
using Postmeter.Server.Cli;
using Postmeter.Server.Logging;
using Postmeter.Storage;

namespace Postmeter.Server.Hosting;

/// <summary>The services of a <c>postmeter</c> host, a feature at a time.</summary>
internal static class ServiceRegistration
{
    /// <summary>Log lines on standard error in Postmeter's format, from <paramref name="level"/> up; the host's own chatter only from warnings.</summary>
    public static IServiceCollection AddPostmeterLogging(this IServiceCollection services, CliContext context, LogLevel level)
    {
        var error = new StandardError(context.Error, context.ErrorIsTerminal);
        services.AddSingleton(error);
        services.AddSingleton(context.Clock);
        services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(level)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddProvider(new StandardErrorLoggerProvider(error, context.Clock)));
        return services;
    }

    /// <summary>An open workspace in each of its roles; its owner disposes it.</summary>
    public static IServiceCollection AddPostmeterStore(this IServiceCollection services, IWorkspaceStore store)
    {
        services.AddSingleton(store);
        services.AddSingleton<IImportWriter>(store);
        services.AddSingleton<IWorkspaceReader>(store);
        services.AddSingleton<IWorkspaceMaintenance>(store);
        services.AddSingleton<Storage.Dashboard.IDashboardQueries>(store);
        services.AddSingleton<Storage.Detective.IDetectiveQueries>(store);
        return services;
    }

    /// <summary>The import of <paramref name="plan"/>: the importer, its mode, and the retention loop while following.</summary>
    public static IServiceCollection AddPostmeterIngest(this IServiceCollection services, ImportPlan plan, CliContext context, IImportObserver? observer = null)
    {
        observer ??= context.ImportObserver;
        services.AddSingleton(plan);
        services.AddSingleton(context);
        services.AddSingleton<ImportOutcome>();
        services.AddSingleton<IngestionStatus>();
        services.AddSingleton<RetentionPolicy>();
        services.AddSingleton<ImportProgressDisplay>();
        services.AddSingleton<ImportProgressState>();
        services.AddSingleton<IImportProgressListener>(provider => new ProgressListeners(
            provider.GetRequiredService<ImportProgressDisplay>(), provider.GetRequiredService<ImportProgressState>()));
        services.AddSingleton(provider => new WorkspaceImporter(
            provider.GetRequiredService<IImportWriter>(),
            plan.Settings,
            context.Clock,
            provider.GetRequiredService<IImportProgressListener>(),
            observer,
            provider.GetRequiredService<ILogger<WorkspaceImporter>>()));
        services.AddSingleton(provider => new DirectoryFollower(
            provider.GetRequiredService<IImportWriter>(),
            plan.Settings,
            context.Clock,
            observer,
            provider.GetRequiredService<ILogger<DirectoryFollower>>(),
            provider.GetRequiredService<IImportProgressListener>()));
        services.AddSingleton(provider => new NetworkReceiver(
            provider.GetRequiredService<IImportWriter>(),
            plan.Settings,
            context.Clock,
            observer,
            provider.GetRequiredService<ILogger<NetworkReceiver>>()));
        services.AddSingleton<LogFollower>();
        services.AddSingleton<LogReceiver>();
        services.AddSingleton<IHostLifetime, SignalLifetime>();
        services.Configure<HostOptions>(options => options.ShutdownTimeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<ImportService>();
        if (plan.Mode == ImportMode.Follow)
        {
            services.AddHostedService<RetentionService>();
        }

        return services;
    }
}
