using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

// Netting, realized PnL, fees and balances; Position/closeContract and Position/partialCloseContract.
public sealed partial class SimulatedExchange
{
    public ClosePositionResponse ClosePosition(string userName, CloseContractPositionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(now =>
        {
            static ClosePositionResponse Fail(ClosePositionErrorCode code, string? message = null) =>
                new() { Success = false, ErrorCode = code, ErrorMessage = message };
            var account = FindAccount(userName, request.AccountId);
            if (account is null) return Fail(ClosePositionErrorCode.AccountNotFound);
            var spec = FindSpec(request.ContractId);
            if (spec is null) return Fail(ClosePositionErrorCode.ContractNotFound);
            if (!account.CanTrade) return Fail(ClosePositionErrorCode.AccountRejected, OrderRules.AccountCannotTrade);
            if (!account.Positions.TryGetValue(spec.ContractId, out var position) || position.SignedSize == 0)
                return Fail(ClosePositionErrorCode.PositionNotFound);
            if (IsExpired(spec, now)) return Fail(ClosePositionErrorCode.ContractNotActive);
            CloseWithMarketOrder(account, spec, position, Math.Abs(position.SignedSize), now);
            return new ClosePositionResponse { Success = true, ErrorCode = ClosePositionErrorCode.Success };
        });
    }

    public PartialClosePositionResponse PartialClosePosition(string userName, PartialCloseContractPositionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(now =>
        {
            static PartialClosePositionResponse Fail(PartialClosePositionErrorCode code, string? message = null) =>
                new() { Success = false, ErrorCode = code, ErrorMessage = message };
            var account = FindAccount(userName, request.AccountId);
            if (account is null) return Fail(PartialClosePositionErrorCode.AccountNotFound);
            var spec = FindSpec(request.ContractId);
            if (spec is null) return Fail(PartialClosePositionErrorCode.ContractNotFound);
            if (!account.CanTrade) return Fail(PartialClosePositionErrorCode.AccountRejected, OrderRules.AccountCannotTrade);
            if (!account.Positions.TryGetValue(spec.ContractId, out var position) || position.SignedSize == 0)
                return Fail(PartialClosePositionErrorCode.PositionNotFound);
            if (IsExpired(spec, now)) return Fail(PartialClosePositionErrorCode.ContractNotActive);
            if (request.Size <= 0 || request.Size > Math.Abs(position.SignedSize))
                return Fail(PartialClosePositionErrorCode.InvalidCloseSize);
            CloseWithMarketOrder(account, spec, position, request.Size, now);
            return new PartialClosePositionResponse { Success = true, ErrorCode = PartialClosePositionErrorCode.Success };
        });
    }

    /// <summary>Closing is a real market order: it shows in Order/search and produces a trade.</summary>
    private void CloseWithMarketOrder(AccountState account, ContractSpec spec, PositionState position, int size, DateTimeOffset now)
    {
        var side = position.SignedSize > 0 ? OrderSide.Ask : OrderSide.Bid;
        var order = NewOrder(account, spec, OrderType.Market, side, size, now, customTag: null, parentOrderId: null);
        order.Status = OrderStatus.Open;
        _working.Add(order);
        NotifyOrder(order);
        TryFillOnArrival(order, _market.GetSnapshot(spec.ContractId, now), now);
    }

    /// <summary>Nets a fill into the position, writes its trade row and moves the balance. Returns true when the position is now flat.</summary>
    private bool BookFill(AccountState account, ContractSpec spec, SimOrder order, decimal price, DateTimeOffset at)
    {
        var signedQty = order.IsBuy ? order.Size : -order.Size;
        if (!account.Positions.TryGetValue(spec.ContractId, out var position))
        {
            position = new PositionState
            {
                Id = 0, // assigned by Reopen below
                AccountId = account.Id,
                ContractId = spec.ContractId,
                DisplayName = _catalog.FindById(spec.ContractId, at)?.Name,
                Created = at,
            };
            account.Positions.Add(spec.ContractId, position);
        }

        decimal? realized = null;
        var held = position.SignedSize;
        if (held == 0)
        {
            Reopen(position, signedQty, price, at);
        }
        else if (Math.Sign(held) == Math.Sign(signedQty))
        {
            var total = Math.Abs(held) + order.Size;
            position.AveragePrice = (Math.Abs(held) * position.AveragePrice + order.Size * price) / total;
            position.SignedSize = held + signedQty;
        }
        else
        {
            var closed = Math.Min(order.Size, Math.Abs(held));
            realized = decimal.Round((price - position.AveragePrice) / spec.TickSize * spec.TickValue * closed * Math.Sign(held), 2, MidpointRounding.AwayFromZero);
            var remaining = held + signedQty;
            if (remaining != 0 && Math.Sign(remaining) != Math.Sign(held))
                Reopen(position, remaining, price, at); // flipped through zero: a new position at the fill price
            else
                position.SignedSize = remaining;
        }

        var fees = spec.FeePerSide * order.Size;
        var trade = new HalfTradeModel
        {
            Id = _nextTradeId++,
            AccountId = account.Id,
            ContractId = spec.ContractId,
            CreationTimestamp = at,
            Price = price,
            ProfitAndLoss = realized,
            Fees = fees,
            Commissions = null,
            Side = order.Side,
            Size = order.Size,
            Voided = false,
            OrderId = order.Id,
        };
        account.Trades.Add(trade);
        account.Balance += (realized ?? 0m) - fees;
        NotifyTrade(account, trade);
        NotifyPosition(account, position);
        NotifyAccount(account);
        return position.SignedSize == 0;
    }

    private void Reopen(PositionState position, int signedSize, decimal price, DateTimeOffset at)
    {
        position.Id = _nextPositionId++;
        position.Created = at;
        position.SignedSize = signedSize;
        position.AveragePrice = price;
    }
}
