using System.Management.Automation;
using System.Reflection;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>Runs alone: it injects faults into the process-wide in-process simulator that other classes also use.</summary>
[CollectionDefinition(nameof(InProcessFaults), DisableParallelization = true)]
public sealed class InProcessFaults;

/// <summary>
/// New-PxOrder when the gateway's answer to Order/place is lost: the order is looked up by its tag. The
/// simulator's fault switches are reached by reflection, because this project must not reference the module's
/// assemblies (that would defeat the load-context isolation under test).
/// </summary>
[Collection(nameof(InProcessFaults))]
public sealed class AmbiguousOutcomeTests : IDisposable
{
    private readonly PowerShellSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Lost_answer_for_a_placed_order_writes_the_order_with_a_warning()
    {
        _session.Run("Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K").AssertNoErrors();
        Faults("DropResponses", "Order/place", 1);

        var result = _session.Run("New-PxOrder MNQ Buy 1 -Tag ambiguous-found-1 -Confirm:$false").AssertNoErrors();

        var order = Assert.Single(result.OfType("ProjectX.Order"));
        Assert.Equal("ambiguous-found-1", order.Prop<string>("Tag"));
        Assert.Contains(result.Warnings, w => w.Message.Contains("ambiguous-found-1", StringComparison.Ordinal));
        _session.Run("Close-PxPosition MNQ -Confirm:$false").AssertNoErrors();
    }

    [Fact]
    public void Lost_answer_for_an_order_that_does_not_exist_is_an_AmbiguousOrderOutcome_naming_the_tag()
    {
        _session.Run("Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K").AssertNoErrors();
        Faults("FailWithServerError", "Order/place", 1, 503);

        var result = _session.Run("New-PxOrder MNQ Buy 1 -Tag ambiguous-missing-1 -Confirm:$false; 'continued'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.AmbiguousOrderOutcome", error.ErrorId());
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("ambiguous-missing-1", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("continued", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void Lost_answer_and_a_failed_lookup_name_the_tag_and_say_the_order_may_exist()
    {
        _session.Run("Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K").AssertNoErrors();
        Faults("DropResponses", "Order/place", 1);
        Faults("FailWithServerError", "Order/search", 20, 503);
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
            Faults("Reset");
            _session.Run("Close-PxPosition MNQ -Confirm:$false");
        }
    }

    [Fact]
    public void A_placed_order_whose_read_back_fails_is_written_with_a_warning_not_an_error()
    {
        // Reporting it as failed would invite a script that re-runs on $? to place it twice.
        _session.Run("Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K").AssertNoErrors();
        Faults("FailWithServerError", "Order/searchById", 20, 503);
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
            Faults("Reset");
            _session.Run("Close-PxPosition MNQ -Confirm:$false");
        }
    }

    [Fact]
    public void A_lost_rejection_found_by_its_tag_is_still_a_rejection()
    {
        _session.Run("Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-POSBRK").AssertNoErrors();
        Faults("DropResponses", "Order/place", 1);

        var result = _session.Run("New-PxOrder MNQ Buy 1 -StopLossTicks 10 -TakeProfitTicks 20 -Tag lost-rejection-1 -Confirm:$false");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.OrderRejected", error.ErrorId());
        Assert.Contains("lost-rejection-1", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.OfType("ProjectX.Order"));
    }

    /// <summary>Calls a method of the in-process simulator's SimulatorFaults (loaded by Import-Module in this process).</summary>
    private static void Faults(string method, params object[] arguments)
    {
        var module = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "ProjectX.PowerShell");
        var simulator = module.GetType("ProjectX.PowerShell.Internal.InProcessSimulator", throwOnError: true)!;
        var lazy = simulator.GetField("Gateway", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var gateway = lazy.GetType().GetProperty("Value")!.GetValue(lazy)!;
        var faults = gateway.GetType().GetProperty("Faults")!.GetValue(gateway)!;
        faults.GetType().GetMethod(method, arguments.Select(a => a.GetType()).ToArray())!.Invoke(faults, arguments);
    }
}
