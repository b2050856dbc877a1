using System.Management.Automation;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the open positions of an account, with unrealized PnL from live quotes when realtime is on.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxPosition")]
[OutputType(typeof(PxPosition))]
public sealed class GetPxPositionCommand : ProjectXAccountCmdlet
{
    /// <summary>Only positions in these instruments (root symbol, contract name or contract id; wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>How long a position waits for the first live price of its contract.</summary>
    internal static readonly TimeSpan QuoteWait = TimeSpan.FromSeconds(3);

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        var positions = await Client.GetPositionsAsync(account.Id, cancellationToken).ConfigureAwait(false);
        var symbols = Symbol?.Select(s => new WildcardPattern(s, WildcardOptions.IgnoreCase)).ToList();
        foreach (var position in positions)
        {
            var contract = await ContractOfAsync(position.ContractId, cancellationToken).ConfigureAwait(false);
            var item = PxPosition.From(position, contract);
            if (symbols is null || symbols.Any(p => p.IsMatch(item.Symbol) || p.IsMatch(item.Contract) || p.IsMatch(item.ContractId)))
            {
                var pnl = Realtime is { } live ? await live.Engine.GetUnrealizedPnlAsync(position, QuoteWait, cancellationToken).ConfigureAwait(false) : null;
                Emit(pnl is null ? item : PxPosition.From(position, contract, pnl), PxPosition.PSTypeName);
            }
        }
    }
}
