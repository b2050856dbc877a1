using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Examples;

/// <summary>
/// Runs an examples/*.ps1 script in the built ProjectX.Shell as a separate process, the way a scheduler would:
/// no console input, and only the ProjectX environment variables the test gives (inherited ones are removed).
/// </summary>
internal static class ExampleScript
{
    public static string PathOf(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    public static Task<ProcessResult> RunAsync(string script, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ProcessRunner.RunShellAsync(environment, ["-File", PathOf(script), .. arguments]);

    /// <summary>The environment a scheduled job would have for the simulator process at <paramref name="apiUrl"/>.</summary>
    public static Dictionary<string, string> GatewayEnvironment(Uri apiUrl, string apiKey = OutOfProcessSimulator.DemoApiKey)
    {
        var root = apiUrl.ToString().TrimEnd('/');
        return new()
        {
            ["PROJECTX_USERNAME"] = OutOfProcessSimulator.DemoUserName,
            ["PROJECTX_API_KEY"] = apiKey,
            ["PROJECTX_ACCOUNT"] = ScriptsSimulator.AccountName,
            ["PROJECTX_API_URL"] = root,
            ["PROJECTX_USER_HUB_URL"] = root + "/hubs/user",
            ["PROJECTX_MARKET_HUB_URL"] = root + "/hubs/market",
        };
    }
}
