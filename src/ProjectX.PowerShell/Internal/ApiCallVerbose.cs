using System.Globalization;
using ProjectX.Client;

namespace ProjectX.PowerShell.Internal;

/// <summary>The -Verbose line for one gateway call: operation, outcome and time. Never a token or key.</summary>
internal static class ApiCallVerbose
{
    public static string Describe(ApiCallCompletedEventArgs e) => string.Create(
        CultureInfo.InvariantCulture,
        $"{e.Operation}: {(e.Succeeded ? "succeeded" : "failed")} in {e.Elapsed.TotalMilliseconds:0} ms (HTTP {(e.HttpStatus is { } status ? (int)status : "no response")}, attempt {e.Attempt}).");
}
