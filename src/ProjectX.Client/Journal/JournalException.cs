namespace ProjectX.Client.Journal;

/// <summary>Why the journal could not do what was asked (machine-readable: <see cref="ProjectXJournalException.Reason"/>).</summary>
public enum JournalFailure
{
    /// <summary>The journal file cannot be opened, read or written (locked, no access, damaged).</summary>
    StoreUnreadable,
    /// <summary>A fill names a contract whose tick size and tick value the journal does not have.</summary>
    UnknownContract,
    /// <summary>The file is not a journal: not SQLite at all, or a SQLite database of something else. It is left as it was.</summary>
    NotAJournal,
    /// <summary>The journal was written by a newer version of ProjectX (a higher schema version than this one reads). It is left as it was.</summary>
    NewerSchema,
}

public sealed class ProjectXJournalException : ProjectXException
{
    public ProjectXJournalException(JournalFailure reason, string message, Exception? innerException = null) : base(message, innerException) => Reason = reason;

    public JournalFailure Reason { get; }

    /// <summary>The file's schema version (<c>PRAGMA user_version</c>) when it was read; null when it could not be.</summary>
    public int? FileSchemaVersion { get; init; }
}
