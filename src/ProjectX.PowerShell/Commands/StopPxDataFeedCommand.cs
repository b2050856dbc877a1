using System.Management.Automation;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Stops live bar feeds (those of the given symbols, or all of them).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "PxDataFeed")]
[OutputType(typeof(void))]
public sealed class StopPxDataFeedCommand : ProjectXLiveCmdlet
{
    /// <summary>Root symbols, contract names or contract ids (wildcards allowed); default: every feed. Binds PxDataFeed objects.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DataFeedSymbolCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var patterns = Symbol?.Select(s => new WildcardPattern(s, WildcardOptions.IgnoreCase)).ToList();
        foreach (var feed in Live.DataFeeds.ToList())
        {
            var symbol = LiveProjection.SymbolOf(feed.Contract);
            if (patterns is null || patterns.Any(p => p.IsMatch(symbol) || p.IsMatch(feed.Contract.Name) || p.IsMatch(feed.ContractId)))
            {
                Live.IndicatorFeeds.Detach(feed.ContractId);
                await Live.Engine.StopBarsAsync(feed.ContractId, cancellationToken).ConfigureAwait(false);
                EmitVerbose($"Stopped the {symbol} feed.");
            }
        }
    }
}
