using System.Collections.Concurrent;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;
using ProjectX.PowerShell.Models;
using ClientTimeframe = ProjectX.Client.State.Timeframe;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The live bar feeds Start-PxDataFeed started on a connection: one <see cref="BarAggregator"/> per contract,
/// seeded from History/retrieveBars and built on from the session's market trades and quotes. Closed bars are
/// raised as BarClosed events.
/// </summary>
internal sealed class DataFeeds(EventDispatch dispatch) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Feed> _feeds = new(StringComparer.Ordinal);

    public sealed record Feed(string Symbol, ContractModel Contract, BarAggregator Bars);

    public IReadOnlyCollection<Feed> All => [.. _feeds.Values];

    public Feed? Of(string contractId) => _feeds.GetValueOrDefault(contractId);

    /// <summary>Starts (or widens to more timeframes) the feed of a contract; returns it once seeded.</summary>
    public async Task<Feed> StartAsync(ProjectXClient client, ContractModel contract, string symbol, IReadOnlyList<ClientTimeframe> timeframes, int historyBars, CancellationToken cancellationToken)
    {
        var frames = timeframes;
        if (_feeds.TryGetValue(contract.Id, out var existing))
        {
            if (timeframes.All(existing.Bars.Timeframes.Contains))
            {
                return existing;
            }

            frames = [.. existing.Bars.Timeframes.Union(timeframes)];
        }

        var bars = new BarAggregator(contract.Id, frames, new BarAggregatorOptions { Capacity = Math.Max(1_000, historyBars) });
        try
        {
            foreach (var frame in frames)
            {
                if (historyBars <= 0)
                {
                    break;
                }

                var history = await client.GetBarsAsync(new BarsRequest
                {
                    Contract = contract,
                    Unit = frame.Unit,
                    UnitNumber = frame.Count,
                    Count = historyBars,
                    IncludePartialBar = false,
                }, cancellationToken).ConfigureAwait(false);
                bars.Seed(frame, history);
            }
        }
        catch
        {
            bars.Dispose();
            throw;
        }

        var feed = new Feed(symbol, contract, bars);
        bars.BarClosed += (_, e) => dispatch.Raise(PxEventName.BarClosed, e.ContractId, new PxEventArgs(PxEventName.BarClosed, e.Bar.Start)
        {
            ContractId = e.ContractId,
            Symbol = symbol,
            Bar = PxBar.From(e.Bar, symbol, e.ContractId, e.Timeframe.ToString(), contract.TickSize),
        });
        if (_feeds.TryGetValue(contract.Id, out var replaced))
        {
            replaced.Bars.Dispose();
        }

        _feeds[contract.Id] = feed;
        return feed;
    }

    public bool Stop(string contractId)
    {
        if (_feeds.TryRemove(contractId, out var feed))
        {
            feed.Bars.Dispose();
            return true;
        }

        return false;
    }

    public void OnQuote(in Quote quote)
    {
        if (_feeds.TryGetValue(quote.ContractId, out var feed))
        {
            feed.Bars.OnQuote(quote);
        }
    }

    public void OnMarketTrade(MarketTradeEvent prints)
    {
        if (_feeds.TryGetValue(prints.ContractId, out var feed))
        {
            feed.Bars.OnMarketTrade(prints);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var id in _feeds.Keys)
        {
            Stop(id);
        }

        return ValueTask.CompletedTask;
    }
}
