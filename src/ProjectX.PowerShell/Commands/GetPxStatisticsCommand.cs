using System.Management.Automation;
using ProjectX.Client.Journal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets trading statistics (win rate, profit factor, expectancy, drawdown, Sharpe, Sortino, ...) of the journal's round trips, overall or by day, symbol or tag.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxStatistics")]
[OutputType(PSTypeName)]
public sealed class GetPxStatisticsCommand : ProjectXJournalCmdlet
{
    public const string PSTypeName = "ProjectX.TradeStatistics";

    /// <summary>All (default), Day (CME trading day), Symbol or Tag.</summary>
    [Parameter]
    public PxStatisticsGrouping By { get; set; } = PxStatisticsGrouping.All;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var trips = await ReadRoundTripsAsync(JournalPath, cancellationToken).ConfigureAwait(false);
        foreach (var row in StatisticsCalculator.Compute(trips, (StatisticsGrouping)By))
        {
            Emit(row, PSTypeName);
        }
    }
}
