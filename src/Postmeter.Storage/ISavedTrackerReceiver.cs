namespace Postmeter.Storage;

/// <summary>What <see cref="IImportWriter.ReadSavedTracker"/> hands over, in this order: one header, the messages, the end.</summary>
public interface ISavedTrackerReceiver
{
    /// <exception cref="InvalidDataException">The bytes are not a state this version reads.</exception>
    void Header(byte[] state);

    /// <exception cref="InvalidDataException">The bytes are not a message as this version saves them.</exception>
    void Message(byte[] state);

    /// <exception cref="InvalidDataException">What was handed over does not make a whole state.</exception>
    void End();
}
