using ProjectX.Client.Gateway;
using ProjectX.Client.Instruments;

namespace ProjectX.Client.Risk;

/// <summary>
/// Contracts at risk, counting working orders that could fill: per contract the worse of "every buy fills" and
/// "every sell fills" (<c>max(|net + buys|, |net − sells|)</c>), summed over the account or over one symbol's months.
/// </summary>
internal static class RiskExposure
{
    /// <summary>An order the guard is asked about: a new order, or the added size of a working one.</summary>
    internal sealed record Intent(string ContractId, OrderSide Side, int Size, int? StopLossTicks, decimal? TickValue, bool IsNewOrder);

    internal readonly record struct Leg(int Net, int Buys, int Sells)
    {
        public int Worst => Math.Max(Math.Abs(Net + Buys), Math.Abs(Net - Sells));
    }

    public static int NetOf(IEnumerable<PositionModel> positions, string contractId) =>
        positions.Where(p => string.Equals(p.ContractId, contractId, StringComparison.OrdinalIgnoreCase)).Sum(Net);

    public static int Net(PositionModel p) => p.Type == PositionType.Short ? -p.Size : p.Size;

    /// <summary>An order against the position that it cannot flip: always allowed, whatever the rules or the lock.</summary>
    public static bool IsReducing(int net, OrderSide side, int size) =>
        size > 0 && ((net > 0 && side == OrderSide.Ask && size <= net) || (net < 0 && side == OrderSide.Bid && size <= -net));

    /// <summary>Each contract's position and working orders, with the intent added.</summary>
    public static Dictionary<string, Leg> Legs(IEnumerable<PositionModel> positions, IEnumerable<OrderModel> working, Intent? intent)
    {
        var legs = new Dictionary<string, Leg>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in positions.Where(p => p.Size > 0))
        {
            var leg = legs.GetValueOrDefault(p.ContractId);
            legs[p.ContractId] = leg with { Net = leg.Net + Net(p) };
        }
        foreach (var o in working.Where(o => o.Status.IsWorking()))
            Add(legs, o.ContractId, o.Side, Math.Max(0, o.Size - o.FillVolume));
        if (intent is not null)
            Add(legs, intent.ContractId, intent.Side, intent.Size);
        return legs;
    }

    public static int Total(Dictionary<string, Leg> legs) => legs.Values.Sum(l => l.Worst);

    public static int ForRoot(Dictionary<string, Leg> legs, string root) =>
        legs.Where(l => string.Equals(RootOf(l.Key), root, StringComparison.OrdinalIgnoreCase)).Sum(l => l.Value.Worst);

    /// <summary>The symbol a contract belongs to, all months alike: its gateway root (<c>ENQ</c>), else the id itself.</summary>
    public static string RootOf(string contractId) => ContractNames.RootOf(contractId) ?? contractId;

    /// <summary>The limit for a root: a <see cref="RiskRules.SymbolLimits"/> entry (by root or symbol id), else <see cref="RiskRules.MaxContractsPerSymbol"/>.</summary>
    public static int? LimitFor(RiskRules rules, string root)
    {
        foreach (var (symbol, limit) in rules.SymbolLimits)
            if (string.Equals(ContractNames.RootOf(symbol) ?? symbol, root, StringComparison.OrdinalIgnoreCase))
                return limit;
        return rules.MaxContractsPerSymbol;
    }

    private static void Add(Dictionary<string, Leg> legs, string contractId, OrderSide side, int size)
    {
        var leg = legs.GetValueOrDefault(contractId);
        legs[contractId] = side == OrderSide.Bid ? leg with { Buys = leg.Buys + size } : leg with { Sells = leg.Sells + size };
    }
}
