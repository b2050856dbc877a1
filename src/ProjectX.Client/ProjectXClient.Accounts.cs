using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>Account/search.</summary>
    public async Task<IReadOnlyList<TradingAccountModel>> GetAccountsAsync(bool onlyActive = true, CancellationToken cancellationToken = default)
    {
        var response = await Gateway.SearchAccountsAsync(new SearchAccountRequest { OnlyActiveAccounts = onlyActive }, cancellationToken).ConfigureAwait(false);
        return response.Accounts ?? [];
    }

    /// <summary>An account by id or by name (case-insensitive), active ones first; <see cref="ProjectXNotFoundException"/> (ResourceKind "Account") if none matches.</summary>
    public async Task<TradingAccountModel> GetAccountAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrId);
        var key = nameOrId.Trim();
        var match = Find(await GetAccountsAsync(onlyActive: true, cancellationToken).ConfigureAwait(false), key)
            ?? Find(await GetAccountsAsync(onlyActive: false, cancellationToken).ConfigureAwait(false), key);
        return match ?? throw new ProjectXNotFoundException(
            $"No account named or numbered '{key}' is visible to user {UserName}. List the accounts with GetAccountsAsync (Get-PxAccount).",
            "Account", key);

        static TradingAccountModel? Find(IReadOnlyList<TradingAccountModel> accounts, string key) =>
            int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && accounts.FirstOrDefault(a => a.Id == id) is { } byId
                ? byId
                : accounts.FirstOrDefault(a => string.Equals(a.Name, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Makes an account already read (e.g. from <see cref="GetAccountsAsync"/>) the default, without another Account/search.</summary>
    public void SelectAccount(TradingAccountModel account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _defaultAccount = account;
    }

    /// <summary>Makes the account the default for every call that takes no explicit account.</summary>
    public async Task<TradingAccountModel> SelectAccountAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        var account = await GetAccountAsync(nameOrId, cancellationToken).ConfigureAwait(false);
        _defaultAccount = account;
        return account;
    }
}
