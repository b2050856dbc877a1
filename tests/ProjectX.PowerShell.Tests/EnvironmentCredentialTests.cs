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
        ["PROJECTX_USERNAME", "PROJECT_X_USERNAME", "PROJECTX_API_KEY", "PROJECT_X_API_KEY", "PROJECTX_API_URL", "PROJECTX_FIRM", "PROJECTX_ACCOUNT", "PROJECT_X_ACCOUNT_NAME", "PROJECT_X_ACCOUNT", "PX_TEST_USER", "PX_TEST_KEY"];

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

    [Theory]
    [InlineData("PROJECTX_API_URL", "not a url")]
    [InlineData("PROJECTX_FIRM", "Not A Firm!")]
    public void A_malformed_environment_value_is_a_terminating_invalid_argument_error(string variable, string value)
    {
        using var session = new PowerShellSession();
        WithVariables(
            new()
            {
                ["PROJECTX_USERNAME"] = OutOfProcessSimulator.DemoUserName,
                ["PROJECTX_API_KEY"] = OutOfProcessSimulator.DemoApiKey,
                [variable] = value,
            },
            () =>
            {
                var result = session.Run("try { Connect-ProjectX -NoRealtime; 'not reached' } catch { $_ }");

                var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
                Assert.Equal("ProjectX.InvalidArgument", error.ErrorId());
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.DoesNotContain(OutOfProcessSimulator.DemoApiKey, error.Exception.Message, StringComparison.Ordinal);
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

    /// <summary>A Get-Secret stand-in, found by name exactly as SecretManagement's would be: 'ProjectX' is a PSCredential, 'Hashtable' a UserName/ApiKey table, 'Text' a string.</summary>
    private const string FakeSecretManagement = """
        function global:Get-Secret {
            param([string] $Name)
            $key = [securestring]::new(); foreach ($c in $env:PX_TEST_KEY.ToCharArray()) { $key.AppendChar($c) }
            switch ($Name) {
                'ProjectX'  { [pscredential]::new($env:PX_TEST_USER, $key) }
                'Hashtable' { @{ UserName = $env:PX_TEST_USER; ApiKey = $key } }
                'Text'      { 'just-a-string-secret' }
                default     { throw "The secret $Name was not found." }
            }
        }

        """;

    [Fact]
    public void Without_environment_credentials_the_ProjectX_secret_is_used()
    {
        using var session = new PowerShellSession();
        WithVariables(TestSecretValues(), () =>
        {
            var result = session.Run(FakeSecretManagement + $"Connect-ProjectX -ApiUrl '{simulator.ApiUrl}' -NoRealtime -PassThru | ForEach-Object UserName").AssertNoErrors();

            Assert.Equal([OutOfProcessSimulator.DemoUserName], result.Strings);
        });
    }

    [Fact]
    public void SecretName_wins_over_the_environment_and_takes_a_hashtable()
    {
        using var session = new PowerShellSession();
        var values = TestSecretValues();
        values["PROJECTX_USERNAME"] = "someone-else";
        values["PROJECTX_API_KEY"] = "a-wrong-key";
        WithVariables(values, () =>
        {
            var result = session.Run(FakeSecretManagement + $"Connect-ProjectX -SecretName Hashtable -ApiUrl '{simulator.ApiUrl}' -NoRealtime -PassThru | ForEach-Object UserName").AssertNoErrors();

            Assert.Equal([OutOfProcessSimulator.DemoUserName], result.Strings);
        });
    }

    [Theory]
    [InlineData(false, "Connect-ProjectX -SecretName ProjectX", "Microsoft.PowerShell.SecretManagement")]
    [InlineData(true, "Connect-ProjectX -SecretName Missing", "Get-Secret -Name 'Missing' failed: The secret Missing was not found.")]
    [InlineData(true, "Connect-ProjectX -SecretName Text", "Secret 'Text' is not a ProjectX credential")]
    [InlineData(true, "Connect-ProjectX", "PROJECTX_API_KEY")]
    public void A_secret_that_cannot_be_used_is_a_terminating_missing_credentials_error(bool withGetSecret, string command, string expected)
    {
        using var session = new PowerShellSession();
        var values = TestSecretValues();
        values["PX_TEST_USER"] = "";
        WithVariables(values, () =>
        {
            var setup = withGetSecret ? FakeSecretManagement : "";
            var result = session.Run(setup + $"try {{ {command} -ApiUrl '{simulator.ApiUrl}' -NoRealtime; 'not reached' }} catch {{ $_ }}");

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("ProjectX.MissingCredentials", error.ErrorId());
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains(expected, error.Exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("just-a-string-secret", error.Exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(OutOfProcessSimulator.DemoApiKey, error.Exception.Message, StringComparison.Ordinal);
        });
    }

    /// <summary>What the stand-in vault holds, passed through the environment so no test script carries the key.</summary>
    private static Dictionary<string, string> TestSecretValues() => new()
    {
        ["PX_TEST_USER"] = OutOfProcessSimulator.DemoUserName,
        ["PX_TEST_KEY"] = OutOfProcessSimulator.DemoApiKey,
    };

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
