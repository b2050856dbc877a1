using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
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

    /// <summary>Stop-loss bracket distance in ticks from the entry fill (the account must be in Auto OCO Brackets mode).</summary>
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
        if (Size <= 0)
        {
            ThrowTerminatingError(ProjectXErrors.InvalidArgument(
                ProjectXErrors.InvalidSizeId,
                string.Create(CultureInfo.InvariantCulture, $"-Size must be at least 1 (got {Size}). Nothing was sent."),
                Size));
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        ContractModel contract;
        try
        {
            contract = await InstrumentAsync(Symbol, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXNotFoundException notFound)
        {
            EmitError(ProjectXErrors.FromException(notFound, Symbol, ProjectXErrors.InstrumentNotFoundId));
            return;
        }

        var type = OrderTypeOf(ParameterSetName);
        decimal? limit = null, stop = null, trail = null;
        try
        {
            limit = Aligned(nameof(LimitPrice), ParameterSetName is LimitSet or StopLimitSet ? LimitPrice : null, contract);
            stop = Aligned(nameof(StopPrice), ParameterSetName is StopSet or StopLimitSet ? StopPrice : null, contract);
            trail = Aligned(nameof(TrailPrice), ParameterSetName is TrailingStopSet ? TrailPrice : null, contract);
        }
        catch (OffTickException offTick)
        {
            EmitError(offTick.Record);
            return;
        }

        var action = OrderText.Describe(Side == PxSide.Buy, Size, contract.Name, type, limit, stop, trail, StopLossTicks, TakeProfitTicks, contract.TickSize);
        if (!await ShouldProcessAsync(Describe(account), action).ConfigureAwait(false))
        {
            return;
        }

        var tag = Tag ?? CustomTags.New();
        var ticket = new OrderTicket
        {
            Contract = contract,
            AccountId = account.Id,
            Type = type,
            Side = Side == PxSide.Buy ? OrderSide.Bid : OrderSide.Ask,
            Size = Size,
            LimitPrice = limit,
            StopPrice = stop,
            TrailPrice = trail,
            CustomTag = tag,
            StopLossTicks = StopLossTicks,
            TakeProfitTicks = TakeProfitTicks,
        };

        // Placing, reading back and reconciling fail in different ways and each is reported for what it is: a placed
        // order must never be reported as a failure (a script that re-runs on $? would place it twice).
        EmitVerbose($"Order/place {action} on {Describe(account)} with tag '{tag}'.");
        PlacedOrder placed;
        try
        {
            placed = await Client.PlaceOrderAsync(ticket, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXAmbiguousOutcomeException)
        {
            if (await ReconcileAsync(tag, account, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return;
            }

            await FinishAsync(found, account, contract, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, Symbol));
            return;
        }

        OrderModel order;
        try
        {
            order = await Client.GetOrderAsync(placed.OrderId, account.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException failure)
        {
            EmitWarning($"Order {placed.OrderId} (tag '{tag}') was placed, but reading it back failed: {failure.Message} Check it with Get-PxOrder -Id {placed.OrderId}.");
            order = new OrderModel
            {
                Id = placed.OrderId, AccountId = placed.AccountId, ContractId = placed.ContractId, CustomTag = placed.CustomTag,
                Type = type, Side = ticket.Side, Size = Size, LimitPrice = limit, StopPrice = stop, Status = OrderStatus.None,
            };
        }

        await FinishAsync(order, account, contract, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The placement's answer was lost: look the order up by its tag. Writes the error itself and returns null when
    /// the outcome stays unknown (the tag is always named) or the order was rejected.
    /// </summary>
    private async Task<OrderModel?> ReconcileAsync(string tag, TradingAccountModel account, CancellationToken cancellationToken)
    {
        OrderModel? found;
        try
        {
            found = await Client.ReconcileOrderAsync(tag, account.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException failure)
        {
            EmitError(AmbiguousOutcome(tag, $"The gateway did not confirm the order tagged '{tag}', and looking it up failed too ({failure.Message}). The order MAY EXIST on {Describe(account)}: check with Get-PxOrder -Tag {tag} before placing it again."));
            return null;
        }

        if (found is null)
        {
            EmitError(AmbiguousOutcome(tag, $"The gateway did not confirm the order tagged '{tag}', and no order with that tag exists on {Describe(account)} yet. Its outcome is unknown (a delayed request can still arrive): check with Get-PxOrder -Tag {tag} before placing it again."));
            return null;
        }

        if (found.Status == OrderStatus.Rejected)
        {
            var rejected = new ProjectXOrderRejectedException($"The gateway rejected order {found.Id} (tag '{tag}'); its answer was lost and the rejection was found by the tag.", found.Id, tag)
            {
                Operation = "Order/place",
            };
            EmitError(ProjectXErrors.FromException(rejected, Symbol));
            return null;
        }

        EmitWarning($"The gateway did not confirm the order, but an order tagged '{tag}' exists: it was placed.");
        return found;
    }

    private static ErrorRecord AmbiguousOutcome(string tag, string message) =>
        new(new TimeoutException(message), ProjectXErrors.AmbiguousOrderOutcomeId, ErrorCategory.OperationTimeout, tag);

    private async Task FinishAsync(OrderModel order, TradingAccountModel account, ContractModel contract, CancellationToken cancellationToken)
    {
        if (Wait.IsPresent)
        {
            var (outcome, latest) = await OrderWaiter.WaitAsync(Client, order.Id, account.Id, [OrderStatus.Filled], TimeSpan.FromSeconds(Timeout), TimeProvider.System, LiveOrders(account.Id), cancellationToken).ConfigureAwait(false);
            order = latest;
            if (outcome != WaitOutcome.Reached)
            {
                EmitError(WaitPxOrderCommand.NotReached(outcome, latest, [OrderStatus.Filled], Timeout));
            }
        }

        Emit(PxOrder.From(order, contract), PxOrder.PSTypeName);
    }

    private decimal? Aligned(string parameter, decimal? price, ContractModel contract)
    {
        if (price is not { } p || TickMath.IsAligned(p, contract.TickSize))
        {
            return price;
        }

        if (Rounding == PxRounding.None)
        {
            throw new OffTickException(PriceNotOnTick(parameter, p, contract));
        }

        return TickMath.Round(p, contract.TickSize, (PriceRounding)Rounding);
    }

    internal static ErrorRecord PriceNotOnTick(string parameter, decimal price, ContractModel contract) => ProjectXErrors.InvalidArgument(
        ProjectXErrors.PriceNotOnTickId,
        string.Create(CultureInfo.InvariantCulture, $"-{parameter} {price} is not on {contract.Name}'s tick of {OrderText.Price(contract.TickSize)}. Use a multiple of the tick, or -Rounding Nearest, Up or Down. Nothing was sent."),
        price);

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

    private sealed class OffTickException(ErrorRecord record) : Exception(record.Exception.Message)
    {
        public ErrorRecord Record { get; } = record;
    }
}
