using System.Management.Automation;
using System.Threading.Channels;
using ProjectX.Client.State;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes live quotes of one or more symbols to the pipeline as they arrive, until -Count quotes, -Timeout seconds or Ctrl+C.</para>
/// </summary>
[Cmdlet(VerbsCommon.Watch, "PxQuote")]
[OutputType(typeof(PxQuote))]
public sealed class WatchPxQuoteCommand : ProjectXLiveCmdlet
{
    private const int Backlog = 1_000;

    /// <summary>Root symbols, contract names or contract ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>Stop after this many quotes (all symbols together); default: no limit.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    /// <summary>Stop after this many seconds; default: no limit (Ctrl+C stops it).</summary>
    [Parameter]
    [ValidateRange(1, 86_400 * 7)]
    public int Timeout { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var contracts = new Dictionary<string, Client.Gateway.ContractModel>(StringComparer.Ordinal);
        foreach (var symbol in Symbol)
        {
            var contract = await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
            contracts[contract.Id] = contract;
        }

        // Merged quotes as the session applies them; a consumer that falls behind loses the oldest, never the feed.
        var quotes = Channel.CreateBounded<Quote>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        void OnUpdated(object? sender, Quote q)
        {
            if (contracts.ContainsKey(q.ContractId))
            {
                quotes.Writer.TryWrite(q);
            }
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Timeout > 0)
        {
            limit.CancelAfter(TimeSpan.FromSeconds(Timeout));
        }

        Live.Engine.Quotes.Updated += OnUpdated;
        try
        {
            foreach (var contract in contracts.Values)
            {
                await Live.WatchQuotesAsync(contract, cancellationToken).ConfigureAwait(false);
            }

            var written = 0;
            await foreach (var quote in quotes.Reader.ReadAllAsync(limit.Token).ConfigureAwait(false))
            {
                Emit(PxQuote.From(quote, contracts[quote.ContractId]), PxQuote.PSTypeName);
                if (Count > 0 && ++written >= Count)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // -Timeout ran out: the watch ends normally.
        }
        finally
        {
            Live.Engine.Quotes.Updated -= OnUpdated;
        }
    }
}
