using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the Level-2 order book of one or more symbols: best bid and ask, spread, imbalance and the top levels of each side.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxOrderBook")]
[OutputType(typeof(PxOrderBook))]
public sealed class GetPxOrderBookCommand : ProjectXLiveCmdlet
{
    /// <summary>Root symbols, contract names or contract ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>Price levels to show on each side (also the depth the imbalance is computed over).</summary>
    [Parameter]
    [ValidateRange(1, 200)]
    public int Levels { get; set; } = 10;

    /// <summary>Seconds to wait for the first depth update of a symbol not subscribed yet.</summary>
    [Parameter]
    [ValidateRange(1, 300)]
    public int Timeout { get; set; } = 5;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var symbol in Symbol)
        {
            try
            {
                var contract = await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
                var book = (await Live.WatchBookAsync(contract, cancellationToken).ConfigureAwait(false)).OrderBook!;
                if (book.BidLevelCount == 0 && book.AskLevelCount == 0)
                {
                    var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    void OnChanged(object? sender, EventArgs e)
                    {
                        if (book.BidLevelCount > 0 || book.AskLevelCount > 0)
                        {
                            changed.TrySetResult();
                        }
                    }

                    book.Changed += OnChanged;
                    try
                    {
                        OnChanged(null, EventArgs.Empty);
                        await changed.Task.WaitAsync(TimeSpan.FromSeconds(Timeout), cancellationToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        // An empty book is still an answer (e.g. a closed market); it is written as it is.
                    }
                    finally
                    {
                        book.Changed -= OnChanged;
                    }
                }

                Emit(PxOrderBook.From(book, LiveProjection.SymbolOf(contract), Levels, contract.TickSize), PxOrderBook.PSTypeName);
            }
            catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
            {
                EmitError(ProjectXErrors.FromException(failure, symbol, ProjectXErrors.InstrumentNotFoundId));
            }
        }
    }
}
