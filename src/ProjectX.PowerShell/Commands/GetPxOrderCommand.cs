using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets orders: the working ones (with suspended bracket legs) by default, by id, or every order since a time.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxOrder", DefaultParameterSetName = OpenSet)]
[OutputType(typeof(PxOrder))]
public sealed class GetPxOrderCommand : ProjectXAccountCmdlet
{
    private const string OpenSet = "Open";
    private const string IdSet = "Id";
    private const string SinceSet = "Since";

    /// <summary>Working orders, including Suspended bracket legs (the default).</summary>
    [Parameter(ParameterSetName = OpenSet)]
    public SwitchParameter Open { get; set; }

    /// <summary>Order ids; binds the OrderId property of PxOrder objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("OrderId")]
    public long[] Id { get; set; } = [];

    /// <summary>Orders created at or after this time (any status unless -Status).</summary>
    [Parameter(Mandatory = true, ParameterSetName = SinceSet)]
    public DateTime Since { get; set; }

    /// <summary>Orders created before this time; default now.</summary>
    [Parameter(ParameterSetName = SinceSet)]
    public DateTime? Until { get; set; }

    [Parameter(ParameterSetName = SinceSet)]
    [ValidateNotNullOrEmpty]
    public PxOrderStatus[]? Status { get; set; }

    /// <summary>Only orders in these instruments (root symbol, contract name or contract id; wildcards allowed).</summary>
    [Parameter(ParameterSetName = OpenSet)]
    [Parameter(ParameterSetName = SinceSet)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>Only orders with this customTag (wildcards allowed).</summary>
    [Parameter(ParameterSetName = OpenSet)]
    [Parameter(ParameterSetName = SinceSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Tag { get; set; }

    protected override void BeginProcessing()
    {
        if (ParameterSetName == SinceSet && DateRange.ToOffset(Since) >= (Until is { } until ? DateRange.ToOffset(until) : DateTimeOffset.UtcNow))
        {
            ThrowTerminatingError(DateRange.Invalid("Since", Since, "Until", Until));
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                try
                {
                    var order = await Client.GetOrderAsync(id, account.Id, cancellationToken).ConfigureAwait(false);
                    Emit(PxOrder.From(order, await ContractOfAsync(order.ContractId, cancellationToken).ConfigureAwait(false)), PxOrder.PSTypeName);
                }
                catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
                {
                    EmitError(ProjectXErrors.FromException(failure, id, ProjectXErrors.OrderNotFoundId));
                }
            }

            return;
        }

        // Working orders: Suspended bracket legs too (Order/searchOpen hides them), as the client defines "working".
        var orders = ParameterSetName == SinceSet
            ? await Client.QueryOrdersAsync(new OrderQuery
            {
                AccountId = account.Id,
                Statuses = Status?.Select(s => (OrderStatus)s).ToList(),
                CreatedAfter = DateRange.ToOffset(Since),
                CreatedBefore = Until is { } until ? DateRange.ToOffset(until) : null,
                SortDirection = SortDirection.Asc,
            }, cancellationToken).ConfigureAwait(false)
            : await Client.GetWorkingOrdersAsync(account.Id, cancellationToken).ConfigureAwait(false);
        var tag = Tag is null ? null : new WildcardPattern(Tag, WildcardOptions.IgnoreCase);
        var symbols = Symbol?.Select(s => new WildcardPattern(s, WildcardOptions.IgnoreCase)).ToList();
        foreach (var order in orders)
        {
            if (tag is not null && !tag.IsMatch(order.CustomTag ?? ""))
            {
                continue;
            }

            var contract = await ContractOfAsync(order.ContractId, cancellationToken).ConfigureAwait(false);
            var item = PxOrder.From(order, contract);
            if (symbols is null || symbols.Any(p => p.IsMatch(item.Symbol) || p.IsMatch(item.Contract) || p.IsMatch(item.ContractId)))
            {
                Emit(item, PxOrder.PSTypeName);
            }
        }
    }
}
