using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;

namespace ProjectX.Client.Tests.Wire;

public sealed class ConnectAndAccountTests
{
    [Fact]
    public async Task Connect_logs_in_and_picks_the_first_active_account_that_can_trade()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        Assert.True(client.IsAuthenticated);
        Assert.Equal(SimulatorOptions.DemoUserName, client.UserName);
        Assert.NotNull(client.TokenExpiresAt);
        Assert.InRange(client.TokenExpiresAt!.Value, server.Gateway.Time.GetUtcNow().AddHours(23), server.Gateway.Time.GetUtcNow().AddHours(25));
        Assert.Equal(Sim.MainAccount, client.DefaultAccount!.Id);
        Assert.True(client.DefaultAccount.CanTrade);
    }

    [Theory]
    [InlineData("PRAC-V2-DEMO-150K", Sim.SecondAccount)]
    [InlineData("prac-v2-demo-150k", Sim.SecondAccount)]
    [InlineData("1002", Sim.SecondAccount)]
    [InlineData("1004", Sim.LockedAccount)]
    public async Task Connect_uses_the_Account_option_by_name_or_id(string account, int expectedId)
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server, o => o.Account = account);
        Assert.Equal(expectedId, client.DefaultAccount!.Id);
    }

    [Fact]
    public async Task Connect_from_environment_variables_with_project_x_py_names()
    {
        await using var server = await Sim.StartAsync();
        var options = ProjectXClientOptions.FromEnvironment(new Dictionary<string, string?>
        {
            ["PROJECT_X_USERNAME"] = SimulatorOptions.DemoUserName,
            ["PROJECT_X_API_KEY"] = SimulatorOptions.DemoApiKey,
            ["PROJECT_X_ACCOUNT_NAME"] = "PRAC-V2-DEMO-150K",
            ["PROJECTX_API_URL"] = server.BaseUrl.ToString(),
        });
        await using var client = await ProjectXClient.ConnectAsync(options);
        Assert.Equal(Sim.SecondAccount, client.DefaultAccount!.Id);
    }

    [Fact]
    public async Task Connect_without_credentials_fails_before_any_request()
    {
        var options = new ProjectXClientOptions { ApiBaseUrl = new Uri("http://127.0.0.1:9"), UserName = "demo" };
        var error = await Assert.ThrowsAsync<ProjectXAuthenticationException>(() => ProjectXClient.ConnectAsync(options));
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Operation);
    }

    [Fact]
    public async Task Wrong_key_is_an_authentication_error_naming_the_code_but_not_the_key()
    {
        await using var server = await Sim.StartAsync();
        var error = await Assert.ThrowsAsync<ProjectXAuthenticationException>(() => Sim.ConnectAsync(server, o => o.ApiKey = "wrong-key-777"));
        Assert.Equal("Auth/loginKey", error.Operation);
        Assert.Equal(3, error.ErrorCode);
        Assert.Equal("InvalidCredentials", error.ErrorCodeName);
        Assert.Equal(System.Net.HttpStatusCode.OK, error.StatusCode);
        Assert.DoesNotContain("wrong-key-777", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("API key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_account_option_is_not_found()
    {
        await using var server = await Sim.StartAsync();
        var error = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => Sim.ConnectAsync(server, o => o.Account = "NO-SUCH-ACCOUNT"));
        Assert.Equal("Account", error.ResourceKind);
        Assert.Equal("NO-SUCH-ACCOUNT", error.ResourceId);
    }

    [Fact]
    public async Task Accounts_are_listed_selected_and_found_inactive()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var active = await client.GetAccountsAsync();
        var all = await client.GetAccountsAsync(onlyActive: false);
        Assert.True(all.Count > active.Count);
        Assert.DoesNotContain(active, a => a.Name == "PRAC-V2-DEMO-CLOSED");

        var closed = await client.GetAccountAsync("PRAC-V2-DEMO-CLOSED");
        Assert.Equal(1006, closed.Id);

        var selected = await client.SelectAccountAsync("PRAC-V2-DEMO-150K");
        Assert.Same(selected, client.DefaultAccount);
        Assert.Equal(Sim.SecondAccount, client.DefaultAccount!.Id);

        await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.SelectAccountAsync("2001")); // another user's account
        Assert.Equal(Sim.SecondAccount, client.DefaultAccount!.Id);
    }

    [Fact]
    public async Task Unknown_account_id_on_a_read_maps_AccountNotFound_to_NotFound()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var error = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.GetPositionsAsync(accountId: 999_999));
        Assert.Equal("Account", error.ResourceKind);
        Assert.Equal("Position/searchOpen", error.Operation);
        Assert.Equal("AccountNotFound", error.ErrorCodeName);
        Assert.Equal(1, error.ErrorCode);
    }
}
