using System.Management.Automation;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the fills of an account in a time range (today's CME trading day by default), oldest first.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxTrade")]
[OutputType(typeof(PxTrade))]
public sealed class GetPxTradeCommand : ProjectXAccountCmdlet
{
    /// <summary>Fills at or after this time; default the start of today's trading day (17:00 America/Chicago the evening before).</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Fills before this time; default now.</summary>
    [Parameter]
    public DateTime? Until { get; set; }

    /// <summary>Only fills in these instruments (root symbol, contract name or contract id; wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    protected override void BeginProcessing()
    {
        var start = Since is { } since ? DateRange.ToOffset(since) : DateRange.StartOfTradingDay(TimeProvider.System);
        if (start >= (Until is { } until ? DateRange.ToOffset(until) : DateTimeOffset.UtcNow))
        {
            ThrowTerminatingError(DateRange.Invalid("Since", start.UtcDateTime, "Until", Until));
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        var start = Since is { } since ? DateRange.ToOffset(since) : DateRange.StartOfTradingDay(TimeProvider.System);
        var end = Until is { } until ? DateRange.ToOffset(until) : (DateTimeOffset?)null;
        var trades = await Client.SearchTradesAsync(start, end, account.Id, cancellationToken).ConfigureAwait(false);
        var symbols = Symbol?.Select(s => new WildcardPattern(s, WildcardOptions.IgnoreCase)).ToList();
        foreach (var trade in trades.OrderBy(t => t.CreationTimestamp).ThenBy(t => t.Id))
        {
            var item = PxTrade.From(trade, await ContractOfAsync(trade.ContractId, cancellationToken).ConfigureAwait(false));
            if (symbols is null || symbols.Any(p => p.IsMatch(item.Symbol) || p.IsMatch(item.Contract) || p.IsMatch(item.ContractId)))
            {
                Emit(item, PxTrade.PSTypeName);
            }
        }
    }
}
