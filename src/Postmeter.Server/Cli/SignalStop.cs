using System.Runtime.InteropServices;

namespace Postmeter.Server.Cli;

/// <summary>
/// Turns SIGTERM and SIGINT into a cancellation, so a long-running import commits what it read and exits 0 instead
/// of dying where it stands (which would be safe, but would throw away the last second's work).
/// </summary>
internal sealed class SignalStop : IDisposable
{
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;

    public SignalStop(CliLog log)
    {
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            log.Info($"{signal.Signal} received: committing what was read, then stopping");
            Source.Cancel();
        }

        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    }

    public CancellationTokenSource Source { get; } = new();

    public CancellationToken Token => Source.Token;

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        Source.Dispose();
    }
}
