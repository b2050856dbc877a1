using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Models;

/// <summary>A trading account (PSTypeName <c>ProjectX.Account</c>). <see cref="AccountId"/> binds by name to later cmdlets.</summary>
public sealed class PxAccount
{
    public const string PSTypeName = "ProjectX.Account";

    public int AccountId { get; init; }
    public string Name { get; init; } = "";
    public decimal Balance { get; init; }
    public bool CanTrade { get; init; }
    public bool IsVisible { get; init; }
    /// <summary>True for Practice (simulated) accounts.</summary>
    public bool Simulated { get; init; }

    internal static PxAccount From(TradingAccountModel model) => new()
    {
        AccountId = model.Id,
        Name = model.Name,
        Balance = PxInstrument.Normalize(model.Balance),
        CanTrade = model.CanTrade,
        IsVisible = model.IsVisible,
        Simulated = model.Simulated,
    };

    public override string ToString() => $"{Name} ({AccountId})";
}
