using System.Collections.Concurrent;
using ProjectX.Client.Sessions;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// Whether a contract's market is open, by <see cref="SimulatorMarketHours"/>. The sessions are the client's
/// <see cref="TradingCalendar"/>: one definition of CME hours for the client, its risk checks and the simulator.
/// A contract the calendar cannot place (an unknown product, a clock past the holiday table) counts as closed:
/// the simulator fails closed, like a guard should, rather than invent hours.
/// </summary>
internal sealed class MarketHours(SimulatorMarketHours mode)
{
    private readonly ConcurrentDictionary<string, TradingCalendar?> _calendars = new(StringComparer.Ordinal);

    public SimulatorMarketHours Mode { get; } = mode;

    public bool IsOpen(string contractId, DateTimeOffset at)
    {
        if (Mode == SimulatorMarketHours.AlwaysOpen)
            return true;
        if (_calendars.GetOrAdd(contractId, Resolve) is not { } calendar)
            return false;
        try
        {
            return calendar.IsOpen(at);
        }
        catch (TradingCalendarNotCoveredException)
        {
            return false;
        }
    }

    private static TradingCalendar? Resolve(string contractId)
    {
        try
        {
            return TradingCalendar.For(contractId);
        }
        catch (UnknownProductException)
        {
            return null;
        }
    }
}
