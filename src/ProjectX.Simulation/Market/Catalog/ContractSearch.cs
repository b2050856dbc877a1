using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Market.Catalog;

/// <summary>
/// Fuzzy search in the spirit of the gateway's: "NQ" finds the NQ months first, then anything else containing
/// NQ (MNQ). Every word of the text must match a field (name, symbol, root, id, symbolId or a description word).
/// Order: exact matches (symbol, root, name, id) first, then active before inactive, then prefix, then contains,
/// then description matches; ties by product order and expiry.
/// </summary>
internal static class ContractSearch
{
    private enum Tier { Exact, Prefix, Contains, Description }

    public static IReadOnlyList<ContractModel> Rank(IEnumerable<(ContractMonth Month, bool Active)> candidates, string? text, int max)
    {
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return [.. candidates.Where(c => c.Active).Take(max).Select(c => c.Month.ToModel(true))];
        }
        var whole = string.Join(' ', words);
        return [.. candidates
            .Select((c, order) => (c.Month, c.Active, Order: order, Tier: Match(c.Month, whole, words)))
            .Where(c => c.Tier is not null)
            .OrderBy(c => c.Tier == Tier.Exact ? 0 : 1)
            .ThenBy(c => c.Active ? 0 : 1)
            .ThenBy(c => c.Tier)
            .ThenBy(c => c.Order)
            .Take(max)
            .Select(c => c.Month.ToModel(c.Active))];
    }

    private static Tier? Match(ContractMonth month, string whole, string[] words)
    {
        string[] codes = [month.Product.Symbol, month.Product.Root, month.Name, month.Id, month.Product.SymbolId];
        if (codes.Any(c => c.Equals(whole, StringComparison.OrdinalIgnoreCase)))
        {
            return Tier.Exact;
        }
        var descriptionWords = month.Description.Split([' ', ':', '-'], StringSplitOptions.RemoveEmptyEntries);
        Tier? worst = Tier.Exact;
        foreach (var word in words)
        {
            Tier? tier =
                codes.Any(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase)) ? Tier.Prefix
                : codes.Any(c => c.Contains(word, StringComparison.OrdinalIgnoreCase)) ? Tier.Contains
                : descriptionWords.Any(d => d.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                  || month.Description.Contains(word, StringComparison.OrdinalIgnoreCase) ? Tier.Description
                : null;
            if (tier is null)
            {
                return null;
            }
            worst = tier > worst ? tier : worst;
        }
        return worst;
    }
}
