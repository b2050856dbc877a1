using System.Management.Automation;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows an account's balance, realized PnL and fees since the start of the trading day (17:00 America/Chicago), and its open positions (unrealized PnL from live quotes when realtime is on).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxPortfolio")]
[OutputType(typeof(PxPortfolio))]
public sealed class GetPxPortfolioCommand : ProjectXAccountCmdlet
{
    /// <summary>Where realized PnL and fees start counting; default the start of today's trading day (17:00 America/Chicago the evening before).</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var chosen = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        // A fresh read: the balance on the cached account would be stale.
        var account = await Client.GetAccountAsync(chosen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        var since = Since is { } s ? DateRange.ToOffset(s) : DateRange.StartOfTradingDay(TimeProvider.System);
        var trades = (await Client.SearchTradesAsync(since, null, account.Id, cancellationToken).ConfigureAwait(false)).Where(t => !t.Voided).ToList();
        var positions = await Client.GetPositionsAsync(account.Id, cancellationToken).ConfigureAwait(false);
        decimal? unrealized = null;
        if (Realtime is { } live)
        {
            unrealized = 0m;
            foreach (var position in positions)
            {
                var pnl = await live.Engine.GetUnrealizedPnlAsync(position, GetPxPositionCommand.QuoteWait, cancellationToken).ConfigureAwait(false);
                unrealized = pnl is { } p && unrealized is { } sum ? sum + p : null;
            }
        }

        Emit(new PxPortfolio
        {
            AccountId = account.Id,
            Account = account.Name,
            Balance = PxInstrument.Normalize(account.Balance),
            RealizedPnL = PxInstrument.Normalize(trades.Sum(t => t.ProfitAndLoss ?? 0m)),
            Fees = PxInstrument.Normalize(trades.Sum(t => t.Fees + (t.Commissions ?? 0m))),
            UnrealizedPnL = unrealized,
            OpenPositions = positions.Count,
            TradeCount = trades.Count,
            Since = since,
        }, PxPortfolio.PSTypeName);
    }
}
