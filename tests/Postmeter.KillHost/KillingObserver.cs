using System.Diagnostics;
using Postmeter.Ingest.Importing;

namespace Postmeter.KillHost;

/// <summary>SIGKILLs its own process when the import reaches the chosen stage; a commit being written is killed from
/// another thread a moment after the writing began, so the kill lands inside the transaction.</summary>
internal sealed class KillingObserver(KillAt at) : IImportObserver
{
    public void Reached(ImportStage stage, long count)
    {
        if (stage != at.Stage || count != at.Count)
        {
            return;
        }

        if (stage == ImportStage.CommitWriting)
        {
            new Thread(() =>
            {
                Thread.Sleep(1);
                Kill();
            })
            { IsBackground = true }.Start();
            return;
        }

        Kill();
    }

    private static void Kill()
    {
        Console.Error.Flush();
        using var self = Process.GetCurrentProcess();
        self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
