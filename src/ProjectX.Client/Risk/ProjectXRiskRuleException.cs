namespace ProjectX.Client.Risk;

/// <summary>
/// The risk guard refused an order: it would break <see cref="Rule"/>, or the guard is locked after a breach.
/// <see cref="Limit"/> and <see cref="Figure"/> are the rule's number and where the account stands (money, contracts,
/// orders or positions, as the rule counts). Nothing was sent, so placing again after the cause is gone is safe.
/// </summary>
public sealed class ProjectXRiskRuleException : ProjectXException
{
    public ProjectXRiskRuleException(RiskRule rule, decimal? limit, decimal? figure, int accountId, bool locked, string message)
        : base(message)
    {
        Rule = rule;
        Limit = limit;
        Figure = figure;
        AccountId = accountId;
        Locked = locked;
        NotExecuted = true;
    }

    /// <summary>The rule that refused the order.</summary>
    public RiskRule Rule { get; }

    /// <summary>The rule's limit (money for loss rules, a count for the others); null when the rule has no number (a time window).</summary>
    public decimal? Limit { get; }

    /// <summary>The account's figure the rule compared (the day's loss, equity, contracts after the order, ...); null when unknown.</summary>
    public decimal? Figure { get; }

    public int AccountId { get; }

    /// <summary>True when the guard is locked after a breach (until the next trading day or <see cref="RiskGuard.UnlockAsync"/>).</summary>
    public bool Locked { get; }
}

/// <summary>Why the guard's saved state could not be used.</summary>
public enum RiskStateFailure
{
    /// <summary>The file exists but is not valid guard state (bad JSON, wrong shape, impossible values).</summary>
    Corrupt,
    /// <summary>The file could not be read or written (permissions, disk, a lock held too long).</summary>
    Unreadable,
}

/// <summary>
/// The guard's saved state (high-water mark, the day's figures, the lock) is corrupt or unreadable. The guard fails
/// closed: it refuses every entry until the file is repaired or deleted on purpose (closing and reducing orders still go).
/// </summary>
public sealed class ProjectXRiskStateException : ProjectXException
{
    public ProjectXRiskStateException(RiskStateFailure failure, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Path = path;
        NotExecuted = true;
    }

    public RiskStateFailure Failure { get; }

    /// <summary>The state file.</summary>
    public string Path { get; }
}
