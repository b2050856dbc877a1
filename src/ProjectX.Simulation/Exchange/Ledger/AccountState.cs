using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Exchange;

/// <summary>An account, its owner, positions and trades. Only touched under the exchange lock.</summary>
internal sealed class AccountState(string owner, SimulatorAccount config)
{
    public string Owner { get; } = owner;
    public int Id { get; } = config.Id;
    public string Name { get; } = config.Name;
    public decimal Balance { get; set; } = config.Balance;
    private readonly bool _configuredCanTrade = config.CanTrade;

    /// <summary>As configured, and false while a firm rule has the account locked (a daily-loss or maximum-loss breach).</summary>
    public bool CanTrade => _configuredCanTrade && !(Rules?.IsLocked ?? false);
    /// <summary>The firm rules the account is configured with and where it stands against them; null when it has none.</summary>
    public FirmRuleState? Rules { get; } = config.FirmRules is { } rules ? new FirmRuleState(rules, config.Balance) : null;
    public bool IsVisible { get; } = config.IsVisible;
    public bool Simulated { get; } = config.Simulated;
    public bool IsActive { get; } = config.IsActive;
    public BracketMode BracketMode { get; } = config.BracketMode;

    /// <summary>Fills in order, the oldest forgotten past the retention limit.</summary>
    public List<HalfTradeModel> Trades { get; } = [];
    /// <summary>One netted position per contract ever traded (flat ones kept: bounded by the catalogue).</summary>
    public Dictionary<string, PositionState> Positions { get; } = new(StringComparer.Ordinal);

    public bool IsOwnedBy(string userName) => string.Equals(Owner, userName, StringComparison.OrdinalIgnoreCase);

    public int SignedSize(string contractId) => Positions.TryGetValue(contractId, out var position) ? position.SignedSize : 0;

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
    /// <summary>Bounded by the position limits, so its absolute value always fits an int.</summary>
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
        Size = (int)Math.Abs((long)SignedSize),
        AveragePrice = AveragePrice,
    };
}
