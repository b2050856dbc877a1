using System.Collections.Concurrent;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// Base of the cmdlets that act on one account: <c>-Account</c> (name or id; binds a PxAccount, PxOrder or
/// PxPosition from the pipeline through its AccountId), else the connection's default account.
/// </summary>
public abstract class ProjectXAccountCmdlet : ProjectXConnectionCmdlet
{
    private readonly ConcurrentDictionary<string, TradingAccountModel> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ContractModel?> _contracts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The account, by name or id; default: the connection's default account.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AccountId")]
    [ArgumentCompleter(typeof(AccountCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Account { get; set; }

    /// <summary>The account this record acts on (one Account/search per distinct -Account value).</summary>
    protected async Task<TradingAccountModel> ResolveAccountAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Account))
        {
            return Client.DefaultAccount ?? throw Terminate(ProjectXErrors.NoAccount());
        }

        if (_accounts.TryGetValue(Account, out var known))
        {
            return known;
        }

        var account = await Client.GetAccountAsync(Account, cancellationToken).ConfigureAwait(false);
        _accounts[Account] = account;
        return account;
    }

    /// <summary>The contract behind an id on an order, position or trade; null if the catalogue no longer lists it.</summary>
    protected async Task<ContractModel?> ContractOfAsync(string contractId, CancellationToken cancellationToken)
    {
        if (_contracts.TryGetValue(contractId, out var known))
        {
            return known;
        }

        ContractModel? contract;
        try
        {
            contract = await Client.GetInstrumentAsync(contractId, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXNotFoundException)
        {
            // An expired month may be gone from the catalogue; the object still carries its contract id.
            contract = null;
        }

        _contracts[contractId] = contract;
        return contract;
    }

    /// <summary>Resolves what a user typed (root, contract name or contract id); unknown → ProjectX.InstrumentNotFound.</summary>
    protected async Task<ContractModel> InstrumentAsync(string symbol, CancellationToken cancellationToken)
    {
        var contract = await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        _contracts[contract.Id] = contract;
        return contract;
    }

    protected static string Describe(TradingAccountModel account) => $"{account.Name} ({account.Id})";
}
