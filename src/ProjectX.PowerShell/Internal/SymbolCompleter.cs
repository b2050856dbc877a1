using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// Tab completion for <c>-Symbol</c>: root symbols from the catalogue (Contract/available) of the runspace's
/// default connection, cached per connection; common roots when there is no connection or the lookup fails.
/// </summary>
internal sealed class SymbolCompleter : IArgumentCompleter
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(30);

    internal static readonly IReadOnlyList<(string Root, string Description)> CommonRoots =
    [
        ("ES", "E-mini S&P 500"), ("MES", "Micro E-mini S&P 500"), ("NQ", "E-mini Nasdaq-100"), ("MNQ", "Micro E-mini Nasdaq-100"),
        ("YM", "E-mini Dow"), ("MYM", "Micro E-mini Dow"), ("RTY", "E-mini Russell 2000"), ("M2K", "Micro E-mini Russell 2000"),
        ("CL", "Crude Oil"), ("MCL", "Micro Crude Oil"), ("NG", "Natural Gas"), ("GC", "Gold"), ("MGC", "Micro Gold"),
        ("SI", "Silver"), ("HG", "Copper"), ("ZB", "30-Year T-Bond"), ("ZN", "10-Year T-Note"), ("ZF", "5-Year T-Note"),
        ("ZT", "2-Year T-Note"), ("6E", "Euro FX"), ("6J", "Japanese Yen"), ("6B", "British Pound"), ("6A", "Australian Dollar"),
        ("6C", "Canadian Dollar"),
    ];

    private sealed record Catalogue(Task<IReadOnlyList<ContractModel>> Lookup, DateTimeOffset FetchedAt);

    private static readonly ConditionalWeakTable<PxConnection, Catalogue> Catalogues = new();

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var contracts = Completion.DefaultConnection() is { } connection ? Completion.WaitBriefly(CatalogueOf(connection)) : null;
        var candidates = contracts is { Count: > 0 }
            ? contracts.Select(c => (PxInstrument.RootSymbol(c.Name), c.Description)).OrderBy(c => c.Item1, StringComparer.OrdinalIgnoreCase)
            : CommonRoots.Select(r => (r.Root, r.Description));
        return Completion.Match(wordToComplete, candidates);
    }

    private static Task<IReadOnlyList<ContractModel>> CatalogueOf(PxConnection connection)
    {
        var now = DateTimeOffset.UtcNow;
        if (Catalogues.TryGetValue(connection, out var cached) && now - cached.FetchedAt < CacheDuration && !cached.Lookup.IsFaulted)
        {
            return cached.Lookup;
        }

        var fresh = new Catalogue(connection.Client.GetAvailableInstrumentsAsync(live: false, CancellationToken.None), now);
        Catalogues.AddOrUpdate(connection, fresh);
        return fresh.Lookup;
    }
}

/// <summary>Tab completion for Stop-PxDataFeed's <c>-Symbol</c>: the symbols of the feeds running on the default connection.</summary>
internal sealed class DataFeedSymbolCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        => Completion.DefaultConnection()?.Projection is { } live
            ? Completion.Match(wordToComplete, live.DataFeeds
                .Select(f => (Symbol: LiveProjection.SymbolOf(f.Contract), $"{f.Contract.Name}: {string.Join(", ", f.Timeframes)}"))
                .OrderBy(c => c.Symbol, StringComparer.OrdinalIgnoreCase))
            : [];
}

/// <summary>Tab completion for <c>-Account</c>: the account names of the runspace's default connection.</summary>
internal sealed class AccountCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (Completion.DefaultConnection() is not { } connection
            || Completion.WaitBriefly(connection.Client.GetAccountsAsync(onlyActive: true, CancellationToken.None)) is not { } accounts)
        {
            return [];
        }

        return Completion.Match(wordToComplete, accounts.Select(a => (a.Name, $"{a.Name} ({a.Id}), balance {a.Balance:N2}")));
    }
}
