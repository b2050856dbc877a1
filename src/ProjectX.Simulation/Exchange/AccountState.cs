using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Exchange;

/// <summary>An account and its owner. Only touched under the exchange lock.</summary>
internal sealed class AccountState(string owner, SimulatorAccount config)
{
    public string Owner { get; } = owner;
    public int Id { get; } = config.Id;
    public string Name { get; } = config.Name;
    public decimal Balance { get; set; } = config.Balance;
    public bool CanTrade { get; } = config.CanTrade;
    public bool IsVisible { get; } = config.IsVisible;
    public bool Simulated { get; } = config.Simulated;
    public bool IsActive { get; } = config.IsActive;
    public BracketMode BracketMode { get; } = config.BracketMode;

    /// <summary>Orders in creation order.</summary>
    public List<SimOrder> Orders { get; } = [];
    public List<HalfTradeModel> Trades { get; } = [];
    public Dictionary<string, PositionState> Positions { get; } = new(StringComparer.Ordinal);

    public TradingAccountModel ToModel() => new()
    {
        Id = Id,
        Name = Name,
        Balance = Balance,
        CanTrade = CanTrade,
        IsVisible = IsVisible,
        Simulated = Simulated,
    };
}

/// <summary>A netted position. <see cref="SignedSize"/> is positive when long, negative when short, 0 when flat.</summary>
internal sealed class PositionState
{
    public required long Id { get; set; }
    public required int AccountId { get; init; }
    public required string ContractId { get; init; }
    public string? DisplayName { get; init; }
    public DateTimeOffset Created { get; set; }
    public int SignedSize { get; set; }
    public decimal AveragePrice { get; set; }

    public PositionModel ToModel() => new()
    {
        Id = Id,
        AccountId = AccountId,
        ContractId = ContractId,
        ContractDisplayName = DisplayName,
        CreationTimestamp = Created,
        Type = SignedSize > 0 ? PositionType.Long : SignedSize < 0 ? PositionType.Short : PositionType.Undefined,
        Size = Math.Abs(SignedSize),
        AveragePrice = AveragePrice,
    };
}
