using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests;

/// <summary>
/// The default parameter set reads PROJECTX_* environment variables. These are process-wide, so every test
/// that touches them lives in this class (xunit runs a class's tests one after another).
/// </summary>
public sealed class EnvironmentCredentialTests(OutOfProcessSimulator simulator) : IClassFixture<OutOfProcessSimulator>
{
    private static readonly string[] CredentialVariables =
        ["PROJECTX_USERNAME", "PROJECT_X_USERNAME", "PROJECTX_API_KEY", "PROJECT_X_API_KEY", "PROJECTX_API_URL", "PROJECTX_FIRM", "PROJECTX_ACCOUNT", "PROJECT_X_ACCOUNT_NAME", "PROJECT_X_ACCOUNT"];

    [Fact]
    public void Missing_credentials_is_a_terminating_authentication_error()
    {
        using var session = new PowerShellSession();
        WithVariables([], () =>
        {
            var result = session.Run("try { Connect-ProjectX; 'not reached' } catch { $_ }");

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("ProjectX.MissingCredentials", error.ErrorId());
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("PROJECTX_API_KEY", error.Exception.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Credentials_and_url_from_the_environment_connect()
    {
        using var session = new PowerShellSession();
        WithVariables(
            new()
            {
                ["PROJECTX_USERNAME"] = OutOfProcessSimulator.DemoUserName,
                ["PROJECTX_API_KEY"] = OutOfProcessSimulator.DemoApiKey,
                ["PROJECTX_API_URL"] = simulator.ApiUrl.ToString(),
                ["PROJECTX_ACCOUNT"] = "PRAC-V2-DEMO-150K",
            },
            () =>
            {
                var result = session.Run("Connect-ProjectX -PassThru | ForEach-Object Account").AssertNoErrors();

                Assert.Equal(["PRAC-V2-DEMO-150K"], result.Strings);
            });
    }

    private static void WithVariables(Dictionary<string, string> values, Action body)
    {
        var saved = CredentialVariables.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var name in CredentialVariables)
            {
                Environment.SetEnvironmentVariable(name, values.GetValueOrDefault(name));
            }

            body();
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
