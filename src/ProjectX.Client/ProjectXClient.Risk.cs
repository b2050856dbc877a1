using System.Collections.Concurrent;
using ProjectX.Client.Risk;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    private readonly ConcurrentDictionary<int, RiskGuard> _riskGuards = new();

    /// <summary>The risk guards attached to this client, one per account.</summary>
    public IReadOnlyCollection<RiskGuard> RiskGuards => [.. _riskGuards.Values];

    /// <summary>The guard of an account, or null.</summary>
    public RiskGuard? GetRiskGuard(int accountId) => _riskGuards.GetValueOrDefault(accountId);

    /// <summary>
    /// Attaches <paramref name="guard"/> to its account (replacing any other): from now on every order this client places
    /// or enlarges for that account is checked by it first (<see cref="RiskGuard.CheckOrderAsync"/>). Null with an account
    /// id detaches that account's guard.
    /// </summary>
    public void UseRiskGuard(RiskGuard? guard, int? accountId = null)
    {
        if (guard is not null)
        {
            _riskGuards[guard.AccountId] = guard;
            return;
        }
        if (accountId is { } id)
            _riskGuards.TryRemove(id, out _);
    }

    /// <summary>The one pre-send hook: every placement path calls it before Order/place.</summary>
    private Task CheckRiskAsync(PreparedOrder order, CancellationToken cancellationToken) =>
        _riskGuards.TryGetValue(order.AccountId, out var guard) ? guard.CheckOrderAsync(order, cancellationToken) : Task.CompletedTask;

    private Task CheckRiskAsync(PreparedModification modification, CancellationToken cancellationToken) =>
        _riskGuards.TryGetValue(modification.Order.AccountId, out var guard) ? guard.CheckModificationAsync(modification, cancellationToken) : Task.CompletedTask;
}
