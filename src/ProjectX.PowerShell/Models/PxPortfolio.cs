namespace ProjectX.PowerShell.Models;

/// <summary>One account's money at a glance (PSTypeName <c>ProjectX.Portfolio</c>).</summary>
public sealed class PxPortfolio
{
    public const string PSTypeName = "ProjectX.Portfolio";

    public int AccountId { get; init; }
    public string Account { get; init; } = "";
    public decimal Balance { get; init; }
    /// <summary>Sum of the realized PnL of the fills since <see cref="Since"/> (voided fills excluded).</summary>
    public decimal RealizedPnL { get; init; }
    /// <summary>Fees (plus commissions, when the gateway reports them) of the fills since <see cref="Since"/>.</summary>
    public decimal Fees { get; init; }
    /// <summary>RealizedPnL − Fees.</summary>
    public decimal NetPnL => RealizedPnL - Fees;
    /// <summary>Sum over the open positions, marked to live last prices; null with -NoRealtime or when a position has no price yet.</summary>
    public decimal? UnrealizedPnL { get; init; }
    public int OpenPositions { get; init; }
    public int TradeCount { get; init; }
    public DateTimeOffset Since { get; init; }

    public override string ToString() => $"{Account} ({AccountId}) balance {Balance} realized {RealizedPnL} fees {Fees}";
}
