using ProjectX.Client.Gateway;

namespace ProjectX.Client.Risk;

/// <summary>
/// Cancels an account's working orders and closes its positions, never blindly: each round reads what is open now
/// (Order/v2/query, Position/searchOpen) and acts once on each thing it found; the next round reads again. A close or
/// cancel that failed is not repeated on faith: it is repeated only if the next read still shows the thing open.
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
            // Orders first: a working entry must not fill after the position is closed.
            foreach (var order in working)
            {
                try
                {
                    var result = await client.CancelIfWorkingAsync(order, cancellationToken).ConfigureAwait(false);
                    if (result.Outcome == CancelOutcome.Cancelled)
                        cancelled++;
                    else if (result.Error is { } error)
                        problems.Add($"order {order.Id}: {result.Outcome} ({error.Message})");
                }
                catch (ProjectXException e) when (e is not ProjectXAuthenticationException)
                {
                    problems.Add($"order {order.Id}: {e.Message}");
                }
            }
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
}
