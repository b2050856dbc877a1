using System.Management.Automation;
using System.Net;
using System.Security;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// Lets <c>-ApiKey</c> take a plain string too (from a vault, an env var), turning it into a SecureString
/// so the key is not kept as plain text in the parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            SecureString secure => secure,
            string plain => new NetworkCredential(string.Empty, plain).SecurePassword,
            _ => throw new ArgumentTransformationMetadataException("The API key must be a string or a SecureString."),
        };
    }
}
