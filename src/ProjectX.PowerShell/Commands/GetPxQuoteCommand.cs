using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the current live quote (bid, ask, last) of one or more symbols, subscribing and waiting briefly for the first quote.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxQuote")]
[OutputType(typeof(PxQuote))]
public sealed class GetPxQuoteCommand : ProjectXLiveCmdlet
{
    /// <summary>Root symbols, contract names or contract ids; binds the Symbol property of PxInstrument objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>Seconds to wait for the first quote of a symbol not subscribed yet.</summary>
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
                await Live.WatchQuotesAsync(contract, cancellationToken).ConfigureAwait(false);
                var quote = await Live.Engine.WaitForQuoteAsync(contract.Id, TimeSpan.FromSeconds(Timeout), null, cancellationToken).ConfigureAwait(false);
                if (quote is { } q)
                {
                    Emit(PxQuote.From(q, contract), PxQuote.PSTypeName);
                }
                else
                {
                    EmitError(new ErrorRecord(
                        new TimeoutException($"No quote for {contract.Name} arrived within {Timeout} s (is the market open?)."),
                        ProjectXErrors.NoQuoteId,
                        ErrorCategory.OperationTimeout,
                        symbol));
                }
            }
            catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
            {
                EmitError(ProjectXErrors.FromException(failure, symbol, ProjectXErrors.InstrumentNotFoundId));
            }
        }
    }
}
