using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.State;

/// <summary>
/// Level 2 of one contract from GatewayDepth rows, by the DomType rules: Reset (6) clears both sides; Ask, BestAsk and
/// NewBestAsk (1/3/10) set an ask level, Bid, BestBid and NewBestBid (2/4/9) a bid level, to the row's
/// <c>volume</c> (the total at that price); a volume of 0 removes the level. Trade (5) and Fill (11) rows are prints
/// and leave the levels alone; Low (7) and High (8) set the session extremes. Market trades (GatewayTrade) feed
/// cumulative delta (buy − sell aggressor volume) and a bounded ring of recent prints. Memory is bounded: at most
/// <see cref="OrderBookOptions.MaxLevelsPerSide"/> levels per side. Thread-safe; updates allocate nothing.
/// </summary>
public sealed class OrderBook
{
    private readonly object _gate = new();
    private readonly BookSide _bids;
    private readonly BookSide _asks;
    private readonly MarketPrint[] _prints;
    private int _printHead;
    private int _printCount;
    private long _cumulativeDelta;
    private long _buyVolume;
    private long _sellVolume;
    private decimal? _sessionHigh;
    private decimal? _sessionLow;
    private decimal? _lastPrintPrice;
    private DateTimeOffset _lastUpdate;
    private DateTimeOffset _lastRowTimestamp;
    private long _depthRows;

    public OrderBook(string contractId, OrderBookOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(contractId);
        options ??= new OrderBookOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLevelsPerSide, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RecentTradeCapacity, 1);
        ContractId = contractId;
        MaxLevelsPerSide = options.MaxLevelsPerSide;
        _bids = new BookSide(descending: true, options.MaxLevelsPerSide);
        _asks = new BookSide(descending: false, options.MaxLevelsPerSide);
        _prints = new MarketPrint[options.RecentTradeCapacity];
    }

    public string ContractId { get; }
    public int MaxLevelsPerSide { get; }

    /// <summary>Raised after each depth event is applied (outside the lock).</summary>
    public event EventHandler? Changed;

    public BookLevel? BestBid { get { lock (_gate) return _bids.Count > 0 ? new BookLevel(_bids.PriceAt(0), _bids.VolumeAt(0)) : null; } }
    public BookLevel? BestAsk { get { lock (_gate) return _asks.Count > 0 ? new BookLevel(_asks.PriceAt(0), _asks.VolumeAt(0)) : null; } }

    /// <summary>Best ask − best bid, when both sides have a level.</summary>
    public decimal? Spread { get { lock (_gate) return _bids.Count > 0 && _asks.Count > 0 ? _asks.PriceAt(0) - _bids.PriceAt(0) : null; } }

    public decimal? Mid { get { lock (_gate) return _bids.Count > 0 && _asks.Count > 0 ? (_asks.PriceAt(0) + _bids.PriceAt(0)) / 2 : null; } }

    public int BidLevelCount { get { lock (_gate) return _bids.Count; } }
    public int AskLevelCount { get { lock (_gate) return _asks.Count; } }

    /// <summary>Aggressor buy volume − aggressor sell volume of every market trade applied.</summary>
    public long CumulativeDelta { get { lock (_gate) return _cumulativeDelta; } }
    public long BuyVolume { get { lock (_gate) return _buyVolume; } }
    public long SellVolume { get { lock (_gate) return _sellVolume; } }
    public decimal? SessionHigh { get { lock (_gate) return _sessionHigh; } }
    public decimal? SessionLow { get { lock (_gate) return _sessionLow; } }
    /// <summary>The price of the latest print (market trade, or a Trade/Fill depth row).</summary>
    public decimal? LastTradePrice { get { lock (_gate) return _lastPrintPrice; } }
    public DateTimeOffset LastUpdate { get { lock (_gate) return _lastUpdate; } }

    /// <summary>
    /// The gateway's timestamp of the last depth row applied (default before the first): how fresh the book is on the
    /// gateway's own clock, whatever the local clock says.
    /// </summary>
    public DateTimeOffset LastRowTimestamp { get { lock (_gate) return _lastRowTimestamp; } }
    public long DepthRowsApplied { get { lock (_gate) return _depthRows; } }

    /// <summary>The best <paramref name="levels"/> bid levels, best (highest) first.</summary>
    public BookLevel[] GetBids(int levels = int.MaxValue) { lock (_gate) return _bids.Top(levels); }

    /// <summary>The best <paramref name="levels"/> ask levels, best (lowest) first.</summary>
    public BookLevel[] GetAsks(int levels = int.MaxValue) { lock (_gate) return _asks.Top(levels); }

    /// <summary>
    /// (bid volume − ask volume) / (bid volume + ask volume) over the best <paramref name="levels"/> of each side:
    /// +1 all bids, −1 all asks, 0 balanced or empty.
    /// </summary>
    public decimal Imbalance(int levels = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        long bid, ask;
        lock (_gate)
        {
            bid = _bids.Volume(levels);
            ask = _asks.Volume(levels);
        }
        return bid + ask == 0 ? 0m : (decimal)(bid - ask) / (bid + ask);
    }

    /// <summary>The most recent market prints, oldest first (at most the ring's capacity).</summary>
    public MarketPrint[] RecentTrades(int count = int.MaxValue)
    {
        lock (_gate)
        {
            int n = Math.Min(Math.Max(count, 0), _printCount);
            var result = new MarketPrint[n];
            int first = _printCount - n;
            for (int i = 0; i < n; i++)
                result[i] = _prints[(_printHead + first + i) % _prints.Length];
            return result;
        }
    }

    public void OnDepth(DepthEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!string.Equals(e.ContractId, ContractId, StringComparison.Ordinal))
            return;
        lock (_gate)
        {
            var rows = e.Rows;
            for (int i = 0; i < rows.Count; i++)
                ApplyRow(rows[i]);
            _lastUpdate = e.ReceivedAt;
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Applies one depth row (see the class summary for the rules).</summary>
    public void ApplyDepth(DomType type, decimal price, long volume, DateTimeOffset timestamp)
    {
        lock (_gate)
        {
            Apply(type, price, volume);
            _lastUpdate = timestamp;
            _lastRowTimestamp = timestamp;
        }
    }

    public void OnMarketTrade(MarketTradeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!string.Equals(e.ContractId, ContractId, StringComparison.Ordinal))
            return;
        lock (_gate)
        {
            var trades = e.Trades;
            for (int i = 0; i < trades.Count; i++)
            {
                var t = trades[i];
                AddPrint(new MarketPrint(t.Price, t.Volume, t.Type, t.Timestamp));
            }
        }
    }

    /// <summary>Applies one market print (aggressor side) to delta and the recent prints.</summary>
    public void AddTrade(in MarketPrint print)
    {
        lock (_gate)
            AddPrint(print);
    }

    /// <summary>Empties both sides (the prints and delta stay).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _bids.Clear();
            _asks.Clear();
        }
    }

    public override string ToString() =>
        $"{ContractId}: bid {BestBid?.ToString() ?? "-"} / ask {BestAsk?.ToString() ?? "-"} ({BidLevelCount}×{AskLevelCount} levels), delta {CumulativeDelta}";

    private void ApplyRow(GatewayDepthModel row)
    {
        Apply(row.Type, row.Price, row.Volume);
        _lastRowTimestamp = row.Timestamp;
    }

    private void Apply(DomType type, decimal price, long volume)
    {
        _depthRows++;
        switch (type)
        {
            case DomType.Reset:
                _bids.Clear();
                _asks.Clear();
                break;
            case DomType.Ask or DomType.BestAsk or DomType.NewBestAsk:
                _asks.Set(price, volume);
                break;
            case DomType.Bid or DomType.BestBid or DomType.NewBestBid:
                _bids.Set(price, volume);
                break;
            case DomType.Trade or DomType.Fill:
                _lastPrintPrice = price;
                break;
            case DomType.High:
                _sessionHigh = price;
                break;
            case DomType.Low:
                _sessionLow = price;
                break;
        }
    }

    private void AddPrint(in MarketPrint print)
    {
        if (_printCount < _prints.Length)
            _prints[(_printHead + _printCount++) % _prints.Length] = print;
        else
        {
            _prints[_printHead] = print;
            _printHead = (_printHead + 1) % _prints.Length;
        }
        if (print.Side == TradeLogType.Buy)
        {
            _buyVolume += print.Volume;
            _cumulativeDelta += print.Volume;
        }
        else
        {
            _sellVolume += print.Volume;
            _cumulativeDelta -= print.Volume;
        }
        _lastPrintPrice = print.Price;
    }
}
