using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Postmeter.Server.Hosting;

/// <summary>
/// SIGTERM and SIGINT stop the host instead of the process, so a running import commits what it read and exits 0
/// rather than dying where it stands (which would be safe, but would throw away the last second's work).
/// </summary>
internal sealed partial class SignalLifetime(IHostApplicationLifetime lifetime, ILogger<SignalLifetime> log) : IHostLifetime, IDisposable
{
    private PosixSignalRegistration? _term;
    private PosixSignalRegistration? _interrupt;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _term?.Dispose();
        _interrupt?.Dispose();
    }

    private void Stop(PosixSignalContext signal)
    {
        signal.Cancel = true;
        Received(log, signal.Signal);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Signal} received: committing what was read, then stopping")]
    private static partial void Received(ILogger logger, PosixSignal signal);
}
