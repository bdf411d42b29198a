using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Postmeter.Server.Accounts;

/// <summary>
/// The data-protection keys (which sign session and CSRF cookies) in <c>keys/</c> of the workspace: readable by the
/// user running Postmeter only (folder 0700, files 0600), kept across restarts so sessions survive them.
/// </summary>
internal sealed class WorkspaceKeyRepository(string workspace) : IXmlRepository
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Folder { get; } = Path.Combine(workspace, "keys");

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.GetFiles(Folder, "*.xml").Order(StringComparer.Ordinal).Select(path => XElement.Load(path))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, FolderMode);
            File.SetUnixFileMode(Folder, FolderMode);
        }

        var name = string.Concat(friendlyName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
        var path = Path.Combine(Folder, $"{name}.xml");
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using (var stream = new FileStream(temporary, options))
        {
            element.Save(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
