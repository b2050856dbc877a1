using ProjectX.Client;
using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Models;

/// <summary>A futures contract (PSTypeName <c>ProjectX.Instrument</c>). <see cref="ContractId"/> and <see cref="Symbol"/> bind by name.</summary>
public sealed class PxInstrument
{
    public const string PSTypeName = "ProjectX.Instrument";

    /// <summary>The root symbol a trader types, e.g. <c>MNQ</c> (from the contract name <c>MNQZ6</c>).</summary>
    public string Symbol { get; init; } = "";
    /// <summary>The contract id every trading call takes, e.g. <c>CON.F.US.MNQ.Z26</c>.</summary>
    public string ContractId { get; init; } = "";
    /// <summary>Exchange short code with a one-digit year, e.g. <c>MNQZ6</c>.</summary>
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public decimal TickSize { get; init; }
    public decimal TickValue { get; init; }
    public bool ActiveContract { get; init; }
    /// <summary>The gateway's symbol id, e.g. <c>F.US.MNQ</c>.</summary>
    public string SymbolId { get; init; } = "";

    internal static PxInstrument From(ContractModel model) => new()
    {
        Symbol = RootSymbol(model.Name),
        ContractId = model.Id,
        Name = model.Name,
        Description = model.Description,
        TickSize = Normalize(model.TickSize),
        TickValue = Normalize(model.TickValue),
        ActiveContract = model.ActiveContract,
        SymbolId = model.SymbolId,
    };

    /// <summary>Drops trailing zeros a wire value may carry (0.250000000 → 0.25); the value is unchanged.</summary>
    internal static decimal Normalize(decimal value) => TickMath.Normalize(value);

    internal static decimal? Normalize(decimal? value) => value is { } v ? Normalize(v) : null;

    /// <summary>Strips the month code and one-digit year (<c>MNQZ6</c> → <c>MNQ</c>); other names pass through.</summary>
    internal static string RootSymbol(string contractName)
    {
        const string MonthCodes = "FGHJKMNQUVXZ";
        return contractName.Length > 2
            && char.IsAsciiDigit(contractName[^1])
            && MonthCodes.Contains(contractName[^2], StringComparison.Ordinal)
            ? contractName[..^2]
            : contractName;
    }

    public override string ToString() => $"{Name} ({ContractId})";
}
