using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Places an order (market, limit, stop, stop-limit, trailing stop, join bid/ask), optionally with bracket legs, and optionally waits for the fill.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "PxOrder", DefaultParameterSetName = MarketSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PxOrder))]
public sealed class NewPxOrderCommand : ProjectXAccountCmdlet
{
    private const string MarketSet = "Market";
    private const string LimitSet = "Limit";
    private const string StopSet = "Stop";
    private const string StopLimitSet = "StopLimit";
    private const string TrailingStopSet = "TrailingStop";
    private const string JoinBidSet = "JoinBid";
    private const string JoinAskSet = "JoinAsk";

    /// <summary>Root symbol, contract name or contract id; binds the Symbol property of PxInstrument objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string Symbol { get; set; } = "";

    /// <summary>Buy or Sell (Bid and Ask are accepted too).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [SideTransformation]
    public PxSide Side { get; set; }

    /// <summary>Contracts, at least 1.</summary>
    [Parameter(Position = 2)]
    public int Size { get; set; } = 1;

    [Parameter(Mandatory = true, ParameterSetName = LimitSet)]
    [Parameter(Mandatory = true, ParameterSetName = StopLimitSet)]
    public decimal LimitPrice { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = StopSet)]
    [Parameter(Mandatory = true, ParameterSetName = StopLimitSet)]
    public decimal StopPrice { get; set; }

    /// <summary>The absolute price level the trailing stop starts from (the gateway trails by its distance from the last price).</summary>
    [Parameter(Mandatory = true, ParameterSetName = TrailingStopSet)]
    public decimal TrailPrice { get; set; }

    /// <summary>A limit order at the best bid on arrival.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JoinBidSet)]
    public SwitchParameter JoinBid { get; set; }

    /// <summary>A limit order at the best ask on arrival.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JoinAskSet)]
    public SwitchParameter JoinAsk { get; set; }

    /// <summary>
    /// Stop-loss bracket distance in ticks from the entry fill. Native on Auto OCO Brackets accounts; on Position Brackets
    /// accounts the live engine places and manages the legs (needs a connection with realtime).
    /// </summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int? StopLossTicks { get; set; }

    /// <summary>Take-profit bracket distance in ticks from the entry fill.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int? TakeProfitTicks { get; set; }

    /// <summary>The order's customTag, unique per account (at most 50 characters); generated when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, CustomTags.MaxLength)]
    public string? Tag { get; set; }

    /// <summary>None (default) refuses an off-tick price; Nearest, Up or Down align it.</summary>
    [Parameter]
    public PxRounding Rounding { get; set; } = PxRounding.None;

    /// <summary>Wait until the order is filled (polls the gateway with backoff).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds -Wait waits for the fill.</summary>
    [Parameter]
    [ValidateRange(1, 86_400)]
    public int Timeout { get; set; } = 30;

    protected override void BeginProcessing()
    {
        // The client's rules that need no contract stop the command at once (a bad -Size sends nothing for any record).
        try
        {
            TicketRules.CheckShape(Ticket(accountId: null));
        }
        catch (ProjectXValidationException invalid)
        {
            ThrowTerminatingError(ProjectXErrors.FromException(invalid, Size));
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        PreparedOrder order;
        try
        {
            order = await Client.PrepareOrderAsync(Ticket(account.Id), cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, Symbol, ProjectXErrors.InstrumentNotFoundId));
            return;
        }

        if (!await ShouldProcessAsync(Describe(account), order.Description).ConfigureAwait(false))
        {
            return;
        }

        EmitVerbose($"Order/place {order.Description} on {Describe(account)} with tag '{order.CustomTag}'.");
        OrderPlacement? placement;
        try
        {
            placement = await SubmitAsync(order, account, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException refused) when (refused is ProjectX.Client.Risk.ProjectXRiskRuleException or ProjectX.Client.Risk.ProjectXRiskStateException)
        {
            // The risk guard refused it before anything was sent.
            EmitError(ProjectXErrors.FromException(refused, Symbol));
            return;
        }

        if (placement is null)
        {
            return;
        }

        // Each outcome is reported for what it is: a placed order must never be reported as a failure (a script that
        // re-runs on $? would place it twice), and an unknown one always names its tag.
        switch (placement.Outcome)
        {
            case PlacementOutcome.Placed:
                if (placement.ReadBackError is { } readBack)
                {
                    EmitWarning($"Order {placement.OrderId} (tag '{order.CustomTag}') was placed, but reading it back failed: {readBack.Message} Check it with Get-PxOrder -Id {placement.OrderId}.");
                }

                break;
            case PlacementOutcome.Reconciled:
                EmitWarning($"The gateway did not confirm the order, but an order tagged '{order.CustomTag}' exists: it was placed.");
                break;
            case PlacementOutcome.Unknown:
                EmitError(ProjectXErrors.AmbiguousOrderOutcome(placement.Error!, order.CustomTag));
                return;
            default:
                if (placement.Error is ProjectXAuthenticationException refused)
                {
                    throw refused;
                }

                EmitError(ProjectXErrors.FromException(placement.Error!, Symbol));
                return;
        }

        var state = placement.State ?? new OrderModel
        {
            Id = placement.OrderId!.Value, AccountId = order.AccountId, ContractId = order.Contract.Id, CustomTag = order.CustomTag,
            Type = order.Type, Side = order.Side, Size = order.Size, LimitPrice = order.LimitPrice, StopPrice = order.StopPrice, Status = OrderStatus.None,
        };
        await FinishAsync(state, account, order.Contract, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the order once. Brackets go through the live engine when it follows the account: native on Auto OCO
    /// accounts, managed one-cancels-other by the engine on Position Brackets accounts (where the gateway refuses them).
    /// Null when an error was already written.
    /// </summary>
    private async Task<OrderPlacement?> SubmitAsync(PreparedOrder order, TradingAccountModel account, CancellationToken cancellationToken)
    {
        if (order.StopLossTicks is null && order.TakeProfitTicks is null)
        {
            return await Client.SubmitOrderAsync(order, readBack: true, cancellationToken).ConfigureAwait(false);
        }

        if (LiveFor(account.Id) is { } live)
        {
            try
            {
                var bracket = await live.Protection.SubmitBracketOrderAsync(order, cancellationToken).ConfigureAwait(false);
                if (bracket.Handling == BracketHandling.ClientManaged)
                {
                    EmitVerbose($"{Describe(account)} is in Position Brackets mode: the entry was sent without brackets (tag '{bracket.Placement.CustomTag}'), and the live engine places the stop and target when it fills and keeps them one-cancels-other.");
                }

                return bracket.Placement;
            }
            catch (ProjectXValidationException invalid)
            {
                EmitError(ProjectXErrors.FromException(invalid, Symbol));
                return null;
            }
        }

        var placement = await Client.SubmitOrderAsync(order, readBack: true, cancellationToken).ConfigureAwait(false);
        if (BracketModes.IsPositionBracketsRejection(placement.Error))
        {
            EmitError(ProjectXErrors.PositionBracketsNeedRealtime(placement.Error!, Describe(account)));
            return null;
        }

        return placement;
    }

    /// <summary>The ticket these parameters describe; the client resolves the symbol, checks and aligns the prices, and tags it.</summary>
    private OrderTicket Ticket(int? accountId) => new()
    {
        Instrument = Symbol,
        AccountId = accountId,
        Type = OrderTypeOf(ParameterSetName),
        Side = Side == PxSide.Buy ? OrderSide.Bid : OrderSide.Ask,
        Size = Size,
        LimitPrice = ParameterSetName is LimitSet or StopLimitSet ? LimitPrice : null,
        StopPrice = ParameterSetName is StopSet or StopLimitSet ? StopPrice : null,
        TrailPrice = ParameterSetName is TrailingStopSet ? TrailPrice : null,
        CustomTag = Tag,
        StopLossTicks = StopLossTicks,
        TakeProfitTicks = TakeProfitTicks,
        Rounding = (PriceRounding)Rounding,
    };

    private async Task FinishAsync(OrderModel order, TradingAccountModel account, ContractModel contract, CancellationToken cancellationToken)
    {
        if (Wait.IsPresent)
        {
            var (outcome, latest) = await OrderWaiter.WaitAsync(Client, order.Id, account.Id, [OrderStatus.Filled], TimeSpan.FromSeconds(Timeout), TimeProvider.System, LiveFor(account.Id)?.Orders, cancellationToken).ConfigureAwait(false);
            order = latest;
            if (outcome != WaitOutcome.Reached)
            {
                EmitError(WaitPxOrderCommand.NotReached(outcome, latest, [OrderStatus.Filled], Timeout));
            }
        }

        Emit(PxOrder.From(order, contract), PxOrder.PSTypeName);
    }

    private static OrderType OrderTypeOf(string parameterSet) => parameterSet switch
    {
        LimitSet => OrderType.Limit,
        StopSet => OrderType.Stop,
        StopLimitSet => OrderType.StopLimit,
        TrailingStopSet => OrderType.TrailingStop,
        JoinBidSet => OrderType.JoinBid,
        JoinAskSet => OrderType.JoinAsk,
        _ => OrderType.Market,
    };
}
