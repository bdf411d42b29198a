using System.Runtime.ExceptionServices;

namespace Postmeter.Server.Hosting;

/// <summary>How the import service ended: a failure is kept here and thrown again once the host has stopped, so the
/// command line turns it into its one-line error and exit code as for any other command.</summary>
internal sealed class ImportOutcome
{
    private ExceptionDispatchInfo? _failure;

    public void Failed(Exception exception) => _failure ??= ExceptionDispatchInfo.Capture(exception);

    public void ThrowIfFailed() => _failure?.Throw();
}
