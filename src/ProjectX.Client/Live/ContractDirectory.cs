using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Live;

/// <summary>
/// The contracts the live engine has met, by id, misses included. The event path only ever reads it: a contract
/// first seen in an event (an order placed elsewhere) is looked up in the background, once, and the event goes out
/// with what is known now. Symbols the engine watches are resolved when they are watched, off the event path.
/// </summary>
internal sealed class ContractDirectory(ProjectXClient client, ILogger logger, CancellationToken lifetime)
{
    private readonly ConcurrentDictionary<string, ContractModel?> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Task> _lookups = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised when a contract becomes known: remembered by a watch, or looked up in the background after an event.</summary>
    public event Action<ContractModel>? Resolved;

    /// <summary>Every contract known so far.</summary>
    public IEnumerable<ContractModel> Known => _known.Values.OfType<ContractModel>();

    /// <summary>A contract already known; never calls the gateway.</summary>
    public ContractModel? TryGet(string contractId) =>
        _known.TryGetValue(contractId, out var contract) ? contract : client.TryGetCachedInstrument(contractId);

    /// <summary>Records a contract resolved elsewhere (a watched symbol, a cmdlet's look-up).</summary>
    public void Remember(ContractModel contract)
    {
        _known[contract.Id] = contract;
        Resolved?.Invoke(contract);
    }

    /// <summary>The contract if known; otherwise starts one background look-up (a miss is remembered too) and returns null.</summary>
    public ContractModel? GetOrLookUp(string contractId)
    {
        if (TryGet(contractId) is { } known)
        {
            _known.TryAdd(contractId, known);
            return known;
        }
        if (!_known.ContainsKey(contractId))
            _lookups.GetOrAdd(contractId, id => Task.Run(() => LookUpAsync(id), CancellationToken.None));
        return null;
    }

    /// <summary>Waits for the background look-ups started so far (tests, orderly disposal).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_lookups.Values);

    private async Task LookUpAsync(string contractId)
    {
        ContractModel? contract = null;
        try
        {
            contract = await client.GetInstrumentAsync(contractId, lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (ProjectXException e)
        {
            // An expired month, or the rate limit is spent: events keep flowing with the contract id alone.
            LiveLog.ContractLookupFailed(logger, contractId, e);
        }
        _known[contractId] = contract;
        if (contract is not null)
            Resolved?.Invoke(contract);
    }
}
