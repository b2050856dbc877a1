using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Server;

/// <summary>The simulator's command line, in process: every bad argument is one line on stderr and exit code 2.</summary>
public class SimulatorCommandLineTests
{
    [Theory]
    [InlineData("--port x")]
    [InlineData("--port")]
    [InlineData("--port 65536")]
    [InlineData("--port -1")]
    [InlineData("--urls ftp://127.0.0.1:1")]
    [InlineData("--urls not-a-url")]
    [InlineData("--seed twelve")]
    [InlineData("--load -5")]
    [InlineData("--user-payload sideways")]
    [InlineData("--market-hours sometimes")]
    [InlineData("--config /no/such/file.json")]
    [InlineData("--frobnicate")]
    [InlineData("--firm-rules 1007")]
    [InlineData("--firm-rules x:dailyLoss=5")]
    [InlineData("--firm-rules 1007:dailyLoss=abc")]
    [InlineData("--firm-rules 1007:trailing=weekly")]
    [InlineData("--firm-rules 9999:dailyLoss=5")]
    [InlineData("--firm-rules 1007:maxLoss=2000,lock=1")]
    [InlineData("--firm-rules 1007:dailyLoss=0")]
    public async Task A_bad_argument_is_one_line_and_exit_code_2(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SimulatorCommandLine.RunAsync(commandLine.Split(' '), output, error);

        Assert.Equal(SimulatorCommandLine.UsageError, exit);
        Assert.Equal("", output.ToString());
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(SimulatorCommandLine.ToolName + ": ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_file_that_is_not_simulator_options_is_one_line_and_exit_code_2()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "{ \"seed\": \"not a number\" }");
            var error = new StringWriter();

            var exit = await SimulatorCommandLine.RunAsync(["--config", path], new StringWriter(), error);

            Assert.Equal(SimulatorCommandLine.UsageError, exit);
            Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:7001", null, "http://127.0.0.1:9", "http://127.0.0.1:7001/")]
    [InlineData(null, 7002, "http://127.0.0.1:9", "http://127.0.0.1:7002/")]
    [InlineData(null, null, "http://127.0.0.1:7003;http://[::1]:7003", "http://127.0.0.1:7003/ http://[::1]:7003/")]
    [InlineData(null, null, null, "http://127.0.0.1:5000/")]
    public void Urls_win_over_port_which_wins_over_ASPNETCORE_URLS(string? urls, int? port, string? environment, string expected) =>
        Assert.Equal(expected, string.Join(" ", SimulatorCommandLine.ListenUrls(urls, port, environment)!.Select(u => u.ToString())));
}
