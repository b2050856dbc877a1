using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Resolves symbols (MNQ, NQZ6, a contract id) to their active contract, or searches contracts by text.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxInstrument", DefaultParameterSetName = SymbolSet)]
[OutputType(typeof(PxInstrument))]
public sealed class GetPxInstrumentCommand : ProjectXConnectionCmdlet
{
    private const string SymbolSet = "Symbol";
    private const string SearchSet = "Search";

    /// <summary>Root symbols, contract names or contract ids. An unknown one is a non-terminating error.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SymbolSet)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>Free text for Contract/search (e.g. "NQ", "Gold").</summary>
    [Parameter(Mandatory = true, ParameterSetName = SearchSet)]
    [AllowEmptyString]
    public string Search { get; set; } = "";

    /// <summary>Search the live (rather than the simulated/delayed) contract list.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    public SwitchParameter Live { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName == SearchSet)
        {
            var found = await Client.SearchInstrumentsAsync(Search, Live.IsPresent, cancellationToken).ConfigureAwait(false);
            foreach (var contract in found)
            {
                Emit(PxInstrument.From(contract), PxInstrument.PSTypeName);
            }

            return;
        }

        foreach (var symbol in Symbol)
        {
            try
            {
                var contract = await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
                Emit(PxInstrument.From(contract), PxInstrument.PSTypeName);
            }
            catch (ProjectXNotFoundException notFound)
            {
                // One unknown symbol must not stop the rest of the pipeline.
                EmitError(ProjectXErrors.FromException(notFound, symbol, ProjectXErrors.InstrumentNotFoundId));
            }
        }
    }
}
