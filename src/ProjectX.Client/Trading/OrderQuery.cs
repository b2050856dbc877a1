using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>
/// A filter for <see cref="ProjectXClient.QueryOrdersAsync"/> (Order/v2/query). The client pages with row
/// offsets (at most 100 rows a page) and applies <see cref="ContractId"/> itself, because the gateway's
/// filter on it is not reliable (spec §4.7b).
/// </summary>
public sealed class OrderQuery
{
    /// <summary>Default: the client's default account.</summary>
    public int? AccountId { get; set; }
    /// <summary>Null = every status. Use Open + Suspended to include inactive bracket legs.</summary>
    public IReadOnlyList<OrderStatus>? Statuses { get; set; }
    public string? ContractId { get; set; }
    public DateTimeOffset? CreatedAfter { get; set; }
    public DateTimeOffset? CreatedBefore { get; set; }
    public OrderSortField SortBy { get; set; } = OrderSortField.CreatedAt;
    public SortDirection SortDirection { get; set; } = SortDirection.Desc;
    /// <summary>Rows per request, 1–100 (the server's cap).</summary>
    public int PageSize { get; set; } = MaxPageSize;
    /// <summary>Stop after this many orders; null = all.</summary>
    public int? MaxResults { get; set; }

    public const int MaxPageSize = 100;
}
