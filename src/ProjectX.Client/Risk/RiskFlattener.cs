using ProjectX.Client.Gateway;

namespace ProjectX.Client.Risk;

/// <summary>
/// Cancels an account's working orders and closes its positions, never blindly: each round reads what is open now
/// (Order/v2/query, Position/searchOpen) and acts once on each thing it found; the next round reads again. A close or
/// cancel that failed is not repeated on faith: it is repeated only if the next read still shows the thing open.
/// <para>
/// The order within a round: working entries are cancelled first (one must not fill after its position is closed),
/// then the positions are closed. Exits (stops and targets, a client-managed OCO's legs) are not touched in the round
/// that closes: only the next read tells whether the close filled (a close can be refused, in a halt or the daily break,
/// or be left pending). A contract the gateway then shows flat has no position, so its leftover exits read as entries
/// and are cancelled; a contract still open keeps its stop. So a position is never left without its protection, and a
/// protection manager never sees an open position without its legs, which it would place again (an order storm
/// against the flatten).
/// </para>
/// </summary>
internal static class RiskFlattener
{
    public static async Task<FlattenResult> FlattenAsync(ProjectXClient client, int accountId, int maxRounds, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        int cancelled = 0, closed = 0;
        for (var round = 1; ; round++)
        {
            var working = await client.GetWorkingOrdersAsync(accountId, cancellationToken).ConfigureAwait(false);
            var positions = (await client.GetPositionsAsync(accountId, cancellationToken).ConfigureAwait(false)).Where(p => p.Size > 0).ToList();
            if (working.Count == 0 && positions.Count == 0)
                return new FlattenResult(true, round, cancelled, closed, problems);
            if (round > maxRounds)
            {
                problems.Add($"still open after {maxRounds} round(s): {working.Count} working order(s), {positions.Count} position(s)");
                return new FlattenResult(false, maxRounds, cancelled, closed, problems);
            }
            // Exits of a still-open position stay; everything else (entries, and exits left over on a contract now flat) goes.
            foreach (var order in working.Where(o => !RiskExposure.IsReducing(RiskExposure.NetOf(positions, o.ContractId), o.Side, o.Size - o.FillVolume)))
                cancelled += await CancelAsync(client, order, problems, cancellationToken).ConfigureAwait(false);
            foreach (var position in positions)
            {
                try
                {
                    await client.ClosePositionAsync(position.ContractId, accountId, cancellationToken).ConfigureAwait(false);
                    closed++;
                }
                catch (ProjectXException e) when (e is not ProjectXAuthenticationException)
                {
                    problems.Add($"position {position.ContractId}: {e.Message}");
                }
            }
        }
    }

    /// <summary>Cancels one order if it still works; 1 when this call cancelled it.</summary>
    private static async Task<int> CancelAsync(ProjectXClient client, OrderModel order, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.CancelIfWorkingAsync(order, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == CancelOutcome.Cancelled)
                return 1;
            if (result.Error is { } error)
                problems.Add($"order {order.Id}: {result.Outcome} ({error.Message})");
        }
        catch (ProjectXException e) when (e is not ProjectXAuthenticationException)
        {
            problems.Add($"order {order.Id}: {e.Message}");
        }
        return 0;
    }
}
