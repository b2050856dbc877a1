using System.Management.Automation;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>Lets <c>-Side</c> take the gateway's words too: Bid (= Buy) and Ask (= Sell), as text or OrderSide.</summary>
internal sealed class SideTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            OrderSide.Bid => PxSide.Buy,
            OrderSide.Ask => PxSide.Sell,
            string text when text.Trim().Equals("Bid", StringComparison.OrdinalIgnoreCase) => PxSide.Buy,
            string text when text.Trim().Equals("Ask", StringComparison.OrdinalIgnoreCase) => PxSide.Sell,
            _ => inputData,
        };
    }
}
