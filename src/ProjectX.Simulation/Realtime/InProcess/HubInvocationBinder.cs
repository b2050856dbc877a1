using Microsoft.AspNetCore.SignalR;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Realtime.InProcess;

/// <summary>Tells the JSON hub protocol the parameter types of each hub method (spec §8.2).</summary>
internal sealed class HubInvocationBinder(HubKind hub) : IInvocationBinder
{
    public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
        HubProtocol.FindMethod(hub, methodName)?.ParameterTypes ?? throw new RealtimeHubException("Method does not exist.");

    // The hubs never invoke client results or accept streams.
    public Type GetReturnType(string invocationId) => throw new RealtimeHubException("No such invocation.");

    public Type GetStreamItemType(string streamId) => throw new RealtimeHubException("Streams are not supported.");
}
