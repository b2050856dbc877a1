using System.Collections.Concurrent;
using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Instruments;

/// <summary>
/// Turns what a trader types into a contract (spec §4.2, §9): a contract id (<c>CON.F.US.ENQ.Z26</c>), a
/// contract name (<c>NQZ6</c>, <c>NQZ26</c>), a common root (<c>NQ</c>, <c>ES</c>, <c>6E</c>) or an exchange root
/// (<c>ENQ</c>). Text search is fuzzy (NQ also finds NQG, NQM), so a root only matches names of the exact
/// form root + month code + year. Results are cached briefly: orders need the tick size.
/// </summary>
internal sealed class ContractResolver
{
    private readonly GatewayApi _api;
    private readonly ProjectXClientOptions _options;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.OrdinalIgnoreCase);

    public ContractResolver(GatewayApi api, ProjectXClientOptions options)
    {
        _api = api;
        _options = options;
    }

    private sealed record CacheEntry(ContractModel Contract, DateTimeOffset ExpiresAt);

    public async Task<ContractModel> ResolveAsync(string symbolOrContractId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbolOrContractId);
        var key = symbolOrContractId.Trim();
        if (TryGetCached(key) is { } cached)
            return cached;
        var found = IsContractId(key)
            ? await FindByIdAsync(key, cancellationToken).ConfigureAwait(false)
            : await FindBySymbolAsync(key.ToUpperInvariant(), cancellationToken).ConfigureAwait(false);
        if (found is null)
            throw new ProjectXNotFoundException(
                $"No contract matches '{key}'. Use a root like NQ or MNQ, a contract name like NQZ6, or a contract id like CON.F.US.ENQ.Z26; SearchInstrumentsAsync lists candidates.",
                "Instrument", key);
        Remember(key, found);
        return found;
    }

    /// <summary>Caches search results so later orders in those contracts need no lookup.</summary>
    public void Remember(IEnumerable<ContractModel> contracts)
    {
        foreach (var contract in contracts)
            Remember(contract.Id, contract);
    }

    public static bool IsContractId(string text) => text.StartsWith("CON.", StringComparison.OrdinalIgnoreCase);

    private void Remember(string key, ContractModel contract)
    {
        var entry = new CacheEntry(contract, _options.TimeProvider.GetUtcNow() + _options.ContractCacheDuration);
        _cache[key] = entry;
        _cache[contract.Id] = entry;
    }

    public ContractModel? TryGetCached(string key) =>
        _cache.TryGetValue(key, out var entry) && entry.ExpiresAt > _options.TimeProvider.GetUtcNow() ? entry.Contract : null;

    private async Task<ContractModel?> FindByIdAsync(string contractId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _api.SearchContractByIdAsync(new SearchContractByIdRequest { ContractId = contractId }, cancellationToken).ConfigureAwait(false);
            return response.Contract ?? response.Contracts?.FirstOrDefault(c => string.Equals(c.Id, contractId, StringComparison.OrdinalIgnoreCase));
        }
        catch (ProjectXNotFoundException)
        {
            return null;
        }
    }

    private async Task<ContractModel?> FindBySymbolAsync(string symbol, CancellationToken cancellationToken)
    {
        IReadOnlyList<ContractModel>? available = null;
        if (ContractNames.TryParse(symbol, out var root, out var month, out var year))
        {
            // NQZ6 / NQZ26: one exact contract, active or not.
            bool IsIt(ContractModel c) =>
                string.Equals(c.Name, symbol, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Name, root + month + year[^1], StringComparison.OrdinalIgnoreCase)
                || (year.Length == 2 && string.Equals(c.Name, root + month + year, StringComparison.OrdinalIgnoreCase));
            var exact = (await SearchAsync(root, cancellationToken).ConfigureAwait(false)).FirstOrDefault(IsIt)
                ?? (await SearchAsync(symbol, cancellationToken).ConfigureAwait(false)).FirstOrDefault(IsIt);
            if (exact is not null)
                return exact;
            available = await AvailableAsync(cancellationToken).ConfigureAwait(false);
            if (available.FirstOrDefault(IsIt) is { } listed)
                return listed;
        }

        // A root: the active contract whose name is root + month + year, or whose symbolId is F.US.<root>.
        var pick = PickActive(await SearchAsync(symbol, cancellationToken).ConfigureAwait(false), symbol);
        if (pick is not null)
            return pick;
        available ??= await AvailableAsync(cancellationToken).ConfigureAwait(false);
        return PickActive(available, symbol);
    }

    private static ContractModel? PickActive(IEnumerable<ContractModel> contracts, string root) =>
        contracts
            .Where(c => c.ActiveContract && (IsMonthOf(c.Name, root) || string.Equals(c.SymbolId, "F.US." + root, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(ExpirySortKey)
            .FirstOrDefault();

    /// <summary>NQZ6 is a month of NQ; NQGZ6 (E-Mini Natural Gas) is not.</summary>
    private static bool IsMonthOf(string contractName, string root)
    {
        if (contractName.Length < root.Length + 2 || !contractName.StartsWith(root, StringComparison.OrdinalIgnoreCase))
            return false;
        var rest = contractName.AsSpan(root.Length);
        return ContractNames.MonthCodes.Contains(char.ToUpperInvariant(rest[0]), StringComparison.Ordinal)
            && rest[1..].Length is 1 or 2
            && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>Front month first: the id ends in month code + two-digit year (CON.F.US.ENQ.Z26).</summary>
    private static int ExpirySortKey(ContractModel contract)
    {
        var tail = contract.Id[(contract.Id.LastIndexOf('.') + 1)..];
        if (tail.Length == 3 && ContractNames.MonthCodes.IndexOf(char.ToUpperInvariant(tail[0]), StringComparison.Ordinal) is var month and >= 0
            && int.TryParse(tail.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return year * 12 + month;
        return int.MaxValue;
    }

    private async Task<IReadOnlyList<ContractModel>> SearchAsync(string text, CancellationToken cancellationToken)
    {
        var response = await _api.SearchContractsAsync(new SearchContractRequest { SearchText = text, Live = false }, cancellationToken).ConfigureAwait(false);
        return response.Contracts ?? [];
    }

    private async Task<IReadOnlyList<ContractModel>> AvailableAsync(CancellationToken cancellationToken)
    {
        var response = await _api.AvailableContractsAsync(new ListAvailableContractRequest { Live = false }, cancellationToken).ConfigureAwait(false);
        return response.Contracts ?? [];
    }
}
