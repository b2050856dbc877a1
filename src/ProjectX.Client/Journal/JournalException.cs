namespace ProjectX.Client.Journal;

/// <summary>Why the journal could not do what was asked (machine-readable: <see cref="ProjectXJournalException.Reason"/>).</summary>
public enum JournalFailure
{
    /// <summary>The database file cannot be opened or read as a journal (not SQLite, locked, or a newer schema).</summary>
    StoreUnreadable,
    /// <summary>A fill names a contract whose tick size and tick value the journal does not have.</summary>
    UnknownContract,
}

public sealed class ProjectXJournalException : ProjectXException
{
    public ProjectXJournalException(JournalFailure reason, string message, Exception? innerException = null) : base(message, innerException) => Reason = reason;

    public JournalFailure Reason { get; }
}
