using Microsoft.Extensions.DependencyInjection;
using Postmeter.Server.Cli;
using Postmeter.Server.WorkspaceSettings;
using Postmeter.Storage;

namespace Postmeter.Server.Hosting;

/// <summary>
/// How long data is kept now: what an admin set in the web application (settings group retention), else the
/// <c>-data_retention_duration</c> flag (or its default).
/// </summary>
internal sealed class RetentionPolicy(ImportPlan plan, IServiceProvider services)
{
    public TimeSpan Current()
    {
        var stored = services.GetService<SettingsStore>()?.Retention()?.DataRetention;
        return stored is null ? plan.Retention : RetentionPeriod.Parse(stored);
    }
}
