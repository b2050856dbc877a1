using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// A change the user hub will publish (GatewayUserOrder/Position/Trade/Account). Raised after the
/// exchange lock is released, in the order the changes happened.
/// </summary>
public sealed class ExchangeChangedEventArgs<TModel>(string userName, TModel model) : EventArgs
{
    /// <summary>The owner of the account the change belongs to.</summary>
    public string UserName { get; } = userName;
    /// <summary>A snapshot of the changed entity. A position with <c>size</c> 0 has just been closed.</summary>
    public TModel Model { get; } = model;
}
