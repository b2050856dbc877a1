using ProjectX.Client.Gateway;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>Contract/search (fuzzy, at most 20 results). <paramref name="live"/> needs a live-data subscription.</summary>
    public async Task<IReadOnlyList<ContractModel>> SearchInstrumentsAsync(string text, bool live = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var response = await Gateway.SearchContractsAsync(new SearchContractRequest { SearchText = text, Live = live }, cancellationToken).ConfigureAwait(false);
        var contracts = response.Contracts ?? [];
        _contracts.Remember(contracts);
        return contracts;
    }

    /// <summary>Contract/available: every contract the user may trade or look up.</summary>
    public async Task<IReadOnlyList<ContractModel>> GetAvailableInstrumentsAsync(bool live = false, CancellationToken cancellationToken = default)
    {
        var response = await Gateway.AvailableContractsAsync(new ListAvailableContractRequest { Live = live }, cancellationToken).ConfigureAwait(false);
        var contracts = response.Contracts ?? [];
        _contracts.Remember(contracts);
        return contracts;
    }

    /// <summary>
    /// One contract from a contract id (<c>CON.F.US.ENQ.Z26</c>), a contract name (<c>NQZ6</c>, <c>NQZ26</c>), a
    /// common root (<c>NQ</c>, <c>ES</c>, <c>6E</c>: the active month) or an exchange root (<c>ENQ</c>).
    /// <see cref="ProjectXNotFoundException"/> (ResourceKind "Instrument") when nothing matches.
    /// </summary>
    public Task<ContractModel> GetInstrumentAsync(string symbolOrContractId, CancellationToken cancellationToken = default) =>
        _contracts.ResolveAsync(symbolOrContractId, cancellationToken);

    /// <summary>A contract this client resolved recently (by id, symbol or name), without calling the gateway; null when not cached.</summary>
    public ContractModel? TryGetCachedInstrument(string symbolOrContractId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbolOrContractId);
        return _contracts.TryGetCached(symbolOrContractId.Trim());
    }
}
