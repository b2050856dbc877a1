using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Closes a position at market (all of it, or -Size contracts), or every position of the account with -All.</para>
/// </summary>
[Cmdlet(VerbsCommon.Close, "PxPosition", DefaultParameterSetName = SymbolSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class ClosePxPositionCommand : ProjectXAccountCmdlet
{
    private const string SymbolSet = "Symbol";
    private const string AllSet = "All";

    /// <summary>Root symbol, contract name or contract id of the position; binds the Symbol property of PxPosition objects.</summary>
    [Parameter(Position = 0, ParameterSetName = SymbolSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Symbol { get; set; }

    /// <summary>The exact contract; binds the ContractId property of PxPosition objects. A typed -Symbol must agree with it.</summary>
    [Parameter(ParameterSetName = SymbolSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ContractId { get; set; }

    /// <summary>Close only this many contracts (a partial close); default the whole position.</summary>
    [Parameter(ParameterSetName = SymbolSet)]
    public int? Size { get; set; }

    /// <summary>Close every open position of the account (confirms at high impact).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    protected override void BeginProcessing()
    {
        if (Size is { } size)
        {
            try
            {
                TicketRules.CheckSize(size, "close");
            }
            catch (ProjectXValidationException invalid)
            {
                ThrowTerminatingError(ProjectXErrors.FromException(invalid, Size));
            }
        }

        // Only command-line parameters are bound yet: a -Symbol typed by the user must not be overridden by the
        // ContractId of each piped position (which would close positions the user did not name).
        _symbolFromCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Symbol));
        _contractFromCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(ContractId));
        base.BeginProcessing();
    }

    private bool _symbolFromCommandLine;
    private bool _contractFromCommandLine;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        var positions = await Client.GetPositionsAsync(account.Id, cancellationToken).ConfigureAwait(false);
        if (ParameterSetName == AllSet)
        {
            await CloseAllAsync(account, positions, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_symbolFromCommandLine && ContractId is not null && Symbol is not null
            && !await SymbolNamesContractAsync(Symbol, ContractId, cancellationToken).ConfigureAwait(false))
        {
            EmitError(ProjectXErrors.InvalidArgument(
                "ProjectX.PositionDoesNotMatchSymbol",
                $"-Symbol {Symbol} does not name the position in {ContractId}; nothing was closed for it. Filter the pipeline (Where-Object Symbol -eq '{Symbol}') instead.",
                ContractId));
            return;
        }

        var wanted = ContractId ?? Symbol;
        if (wanted is null)
        {
            EmitError(ProjectXErrors.InvalidArgument("ProjectX.MissingSymbol", "Name the position: -Symbol, -ContractId, or pipe in Get-PxPosition.", null));
            return;
        }

        string contractId;
        try
        {
            contractId = wanted.StartsWith("CON.", StringComparison.OrdinalIgnoreCase)
                ? wanted
                : (await InstrumentAsync(wanted, cancellationToken).ConfigureAwait(false)).Id;
        }
        catch (ProjectXNotFoundException notFound)
        {
            EmitError(ProjectXErrors.FromException(notFound, wanted, ProjectXErrors.InstrumentNotFoundId));
            return;
        }

        var position = positions.FirstOrDefault(p => string.Equals(p.ContractId, contractId, StringComparison.OrdinalIgnoreCase));
        if (position is null && Size is null && ContractId is not null && !_contractFromCommandLine)
        {
            // A piped position that has closed since it was read (a bracket leg filled): flat is what was asked for.
            EmitWarning($"The position in {wanted} has already closed; nothing was sent.");
            return;
        }

        if (position is null)
        {
            EmitError(new ErrorRecord(
                new ItemNotFoundException($"{Describe(account)} has no open position in {wanted}."),
                ProjectXErrors.PositionNotFoundId,
                ErrorCategory.ObjectNotFound,
                wanted));
            return;
        }

        if (Size is { } size)
        {
            try
            {
                TicketRules.CheckCloseSize(size, position);
            }
            catch (ProjectXValidationException invalid)
            {
                EmitError(ProjectXErrors.FromException(invalid, size));
                return;
            }
        }

        await CloseOneAsync(account, position, Size, cancellationToken).ConfigureAwait(false);
    }

    private async Task CloseAllAsync(TradingAccountModel account, IReadOnlyList<PositionModel> positions, CancellationToken cancellationToken)
    {
        if (positions.Count == 0)
        {
            return;
        }

        if (!WhatIfRequested
            && !await ShouldProcessHighImpactAsync(Describe(account), string.Create(CultureInfo.InvariantCulture, $"Close all {positions.Count} open position(s) at market")).ConfigureAwait(false))
        {
            return;
        }

        foreach (var position in positions)
        {
            await CloseOneAsync(account, position, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CloseOneAsync(TradingAccountModel account, PositionModel position, int? size, CancellationToken cancellationToken)
    {
        var contract = await ContractOfAsync(position.ContractId, cancellationToken).ConfigureAwait(false);
        var name = contract?.Name ?? position.ContractId;
        var closing = size ?? position.Size;
        var exit = position.Type == PositionType.Short ? "Buy" : "Sell";
        var action = string.Create(
            CultureInfo.InvariantCulture,
            $"Close {(size is null ? "" : $"{closing} of ")}{position.Type} {position.Size} {name}: {exit} {closing} {name} Market");
        if (!await ShouldProcessAsync(Describe(account), action).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (size is null)
            {
                await Client.ClosePositionAsync(position.ContractId, account.Id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Client.PartialClosePositionAsync(position.ContractId, closing, account.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ProjectXNotFoundException) when (size is null)
        {
            // It closed between the listing and the close (a bracket leg or another session): the account is flat
            // in it, as asked, so a script's next step must not be stopped by an error.
            EmitWarning($"The position in {name} closed before the close reached the gateway; nothing more was done.");
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, position.ContractId, ProjectXErrors.PositionNotFoundId));
        }
    }

    private async Task<bool> SymbolNamesContractAsync(string symbol, string contractId, CancellationToken cancellationToken)
    {
        if (symbol.StartsWith("CON.", StringComparison.OrdinalIgnoreCase))
            return string.Equals(symbol, contractId, StringComparison.OrdinalIgnoreCase);
        try
        {
            return string.Equals((await InstrumentAsync(symbol, cancellationToken).ConfigureAwait(false)).Id, contractId, StringComparison.OrdinalIgnoreCase);
        }
        catch (ProjectXNotFoundException)
        {
            return false;
        }
    }
}
