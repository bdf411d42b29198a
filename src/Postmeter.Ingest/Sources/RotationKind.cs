namespace Postmeter.Ingest.Sources;

internal enum RotationKind
{
    /// <summary>The file syslog is writing now: the pattern itself.</summary>
    Current,

    /// <summary>logrotate's default <c>base.N</c>: the higher N, the older.</summary>
    Numbered,

    /// <summary>logrotate's <c>dateext</c> (<c>base-YYYYMMDD</c>) or Postfix's <c>base.YYYYMMDD-HHMMSS</c>: by date.</summary>
    Dated,
}
