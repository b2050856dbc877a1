using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Market;

// The seam between the simulated market (catalogue, price path, history) and the exchange that trades
// against it. Everything is a pure function of (seed, contract, time): the same second always has the
// same prices, so history, live quotes and fills agree.

/// <summary>Static facts about one contract that the exchange needs to trade it.</summary>
public sealed record ContractSpec(
    string ContractId,
    string Root,
    string Symbol,
    string SymbolId,
    decimal TickSize,
    decimal TickValue,
    /// <summary>Exchange + clearing + NFA fees per contract per side, in USD.</summary>
    decimal FeePerSide,
    DateTimeOffset Expiry);

/// <summary>One second of the canonical price path. Prices are tick-aligned.</summary>
public readonly record struct SecondBar(DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

/// <summary>The touch at an instant. Ask − Bid is at least one tick, and Last lies within [Bid, Ask].</summary>
public readonly record struct MarketSnapshot(string ContractId, DateTimeOffset Time, decimal Bid, decimal Ask, decimal Last, long VolumeToday);

/// <summary>The contract catalogue: real CME products, months generated around the clock.</summary>
public interface IContractCatalog
{
    /// <summary>Every contract that can be traded or looked up at <paramref name="asOf"/> (Contract/available).</summary>
    IReadOnlyList<ContractModel> Available(DateTimeOffset asOf);

    /// <summary>Fuzzy search like the real one: at most <paramref name="max"/> results, active contracts first.</summary>
    IReadOnlyList<ContractModel> Search(string? text, DateTimeOffset asOf, int max = 20);

    /// <summary>By exact id, including expired months (with <c>activeContract</c> false); null if unknown.</summary>
    ContractModel? FindById(string contractId, DateTimeOffset asOf);

    /// <summary>Trading facts for a contract id; null if unknown.</summary>
    ContractSpec? GetSpec(string contractId);
}

/// <summary>The seeded market: the price path and its aggregation into bars.</summary>
public interface IMarketData
{
    /// <summary>Bid, ask and last at <paramref name="at"/> (the path of the second containing it).</summary>
    MarketSnapshot GetSnapshot(string contractId, DateTimeOffset at);

    /// <summary>The seconds in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], oldest first, for matching resting orders.</summary>
    IEnumerable<SecondBar> GetSeconds(string contractId, DateTimeOffset fromExclusive, DateTimeOffset toInclusive);

    /// <summary>
    /// History/retrieveBars: validates the request (RetrieveBarErrorCode), aggregates the path into bars
    /// of <c>unit × unitNumber</c> within [startTime, endTime), newest first, at most <c>limit</c> (the most
    /// recent), dropping the still-forming bar unless <c>includePartialBar</c>. <paramref name="now"/> is the clock.
    /// </summary>
    RetrieveBarResponse RetrieveBars(RetrieveBarRequest request, DateTimeOffset now);
}
