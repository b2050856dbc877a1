namespace ProjectX.Client.Journal;

/// <summary>
/// Which round trips to read. Times select by exit time (when the PnL was realized): <see cref="Since"/> inclusive,
/// <see cref="Until"/> exclusive. Symbols match the root symbol, the contract name or the contract id; tags match the
/// strategy label or the entry order's full tag; both ignore case. Empty lists mean no filter.
/// </summary>
public sealed record JournalFilter
{
    public int? AccountId { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public IReadOnlyList<string> Symbols { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Refuses a reversed or empty time range (<see cref="ValidationReason.InvalidDateRange"/>).</summary>
    public void Validate()
    {
        if (Since is { } since && Until is { } until && until <= since)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, $"The range is empty or reversed: Since {since:O} is not before Until {until:O}.", nameof(Until));
    }

    public bool Matches(RoundTrip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        return (AccountId is not { } account || trip.AccountId == account)
            && (Since is not { } since || trip.ExitTime >= since)
            && (Until is not { } until || trip.ExitTime < until)
            && (Symbols.Count == 0 || Symbols.Any(s => Same(s, trip.Symbol) || Same(s, trip.Contract) || Same(s, trip.ContractId)))
            && (Tags.Count == 0 || Tags.Any(t => Same(t, trip.Tag) || Same(t, trip.EntryTag)));
    }

    private static bool Same(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What one import added: new rows only, so a second import of the same fills reports zero.</summary>
public sealed record JournalImport(int FillsRead, int FillsAdded, int OrdersRead, int ContractsAdded, int RoundTrips);
