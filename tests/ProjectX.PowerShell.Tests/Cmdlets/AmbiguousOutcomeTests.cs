using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>
/// New-PxOrder when the gateway's answer to Order/place is lost: the order is looked up by its tag. The faults are
/// set through the simulator's fault-control endpoint, on a simulator process of this class's own.
/// </summary>
public sealed class AmbiguousOutcomeTests(FaultControlSimulator simulator) : IClassFixture<FaultControlSimulator>, IAsyncLifetime
{
    private readonly PowerShellSession _session = new();

    public Task InitializeAsync() => simulator.FaultAsync("reset");

    public async Task DisposeAsync()
    {
        await simulator.FaultAsync("reset");
        _session.Dispose();
    }

    private ScriptResult Connect(string account) =>
        _session.Run("Connect-ProjectX -UserName demo -ApiKey demo-api-key -ApiUrl $url -Account $account",
            new() { ["url"] = simulator.ApiUrl.ToString(), ["account"] = account });

    [Fact]
    public async Task Lost_answer_for_a_placed_order_writes_the_order_with_a_warning()
    {
        Connect("PRAC-V2-DEMO-150K").AssertNoErrors();
        await simulator.FaultAsync("drop", new { operation = "Order/place" });

        var result = _session.Run("New-PxOrder MNQ Buy 1 -Tag ambiguous-found-1 -Confirm:$false").AssertNoErrors();

        var order = Assert.Single(result.OfType("ProjectX.Order"));
        Assert.Equal("ambiguous-found-1", order.Prop<string>("Tag"));
        Assert.Contains(result.Warnings, w => w.Message.Contains("ambiguous-found-1", StringComparison.Ordinal));
        _session.Run("Close-PxPosition MNQ -Confirm:$false").AssertNoErrors();
    }

    [Fact]
    public async Task Lost_answer_for_an_order_that_does_not_exist_is_an_AmbiguousOrderOutcome_naming_the_tag()
    {
        Connect("PRAC-V2-DEMO-150K").AssertNoErrors();
        await simulator.FaultAsync("server-error", new { operation = "Order/place", statusCode = 503 });

        var result = _session.Run("New-PxOrder MNQ Buy 1 -Tag ambiguous-missing-1 -Confirm:$false; 'continued'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.AmbiguousOrderOutcome", error.ErrorId());
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("ambiguous-missing-1", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("continued", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public async Task Lost_answer_and_a_failed_lookup_name_the_tag_and_say_the_order_may_exist()
    {
        Connect("PRAC-V2-DEMO-150K").AssertNoErrors();
        await simulator.FaultAsync("drop", new { operation = "Order/place" });
        await simulator.FaultAsync("server-error", new { operation = "Order/search", times = 20, statusCode = 503 });
        try
        {
            var result = _session.Run("New-PxOrder MNQ Buy 1 -Tag ambiguous-lookup-failed-1 -Confirm:$false");

            var error = Assert.Single(result.Errors);
            Assert.Equal("ProjectX.AmbiguousOrderOutcome", error.ErrorId());
            Assert.Contains("ambiguous-lookup-failed-1", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("MAY EXIST", error.Exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            await simulator.FaultAsync("reset");
            _session.Run("Close-PxPosition MNQ -Confirm:$false");
        }
    }

    [Fact]
    public async Task A_placed_order_whose_read_back_fails_is_written_with_a_warning_not_an_error()
    {
        // Reporting it as failed would invite a script that re-runs on $? to place it twice.
        Connect("PRAC-V2-DEMO-150K").AssertNoErrors();
        await simulator.FaultAsync("server-error", new { operation = "Order/searchById", times = 20, statusCode = 503 });
        try
        {
            var result = _session.Run("New-PxOrder MNQ Buy 1 -Tag readback-failed-1 -Confirm:$false");

            Assert.Empty(result.Errors);
            var order = Assert.Single(result.OfType("ProjectX.Order"));
            Assert.Equal("readback-failed-1", order.Prop<string>("Tag"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("was placed", StringComparison.Ordinal));
        }
        finally
        {
            await simulator.FaultAsync("reset");
            _session.Run("Close-PxPosition MNQ -Confirm:$false");
        }
    }

    [Fact]
    public async Task A_lost_rejection_found_by_its_tag_is_still_a_rejection()
    {
        Connect("PRAC-V2-DEMO-POSBRK").AssertNoErrors();
        await simulator.FaultAsync("drop", new { operation = "Order/place" });

        var result = _session.Run("New-PxOrder MNQ Buy 1 -StopLossTicks 10 -TakeProfitTicks 20 -Tag lost-rejection-1 -Confirm:$false");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.OrderRejected", error.ErrorId());
        Assert.Contains("lost-rejection-1", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.OfType("ProjectX.Order"));
    }
}
