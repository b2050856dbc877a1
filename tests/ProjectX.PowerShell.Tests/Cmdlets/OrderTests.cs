using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>New/Get/Set/Stop/Wait-PxOrder against a simulator process of their own, with a recording host.</summary>
public sealed class OrderTests(TradingSimulator simulator) : IClassFixture<TradingSimulator>
{
    private const int Account = 1001;

    /// <summary>$far: an on-tick MNQ price far below the market, so a buy limit there rests.</summary>
    private const string FarBelow = "$last = @(Get-PxBar MNQ -Timeframe 1min -Count 1)[-1].Close; $far = [math]::Floor(($last - 500) / 0.25) * 0.25";

    private ScriptResult Run(string script)
    {
        simulator.Reset();
        return simulator.Run(script);
    }

    [Fact]
    public void Market_order_with_Wait_returns_the_filled_order()
    {
        var result = Run("New-PxOrder MNQ Buy 2 -Wait -Confirm:$false").AssertNoErrors();

        var order = Assert.Single(result.OfType("ProjectX.Order"));
        Assert.Equal("Filled", order.Prop<string>("Status"));
        Assert.Equal("Market", order.Prop<string>("Type"));
        Assert.Equal("Buy", order.Prop<string>("Side"));
        Assert.Equal(2, order.Prop<int>("Size"));
        Assert.Equal(2, order.Prop<int>("FillVolume"));
        Assert.True(order.Prop<decimal>("FilledPrice") > 0);
        Assert.Equal("MNQ", order.Prop<string>("Symbol"));
        Assert.Equal(Account, order.Prop<int>("AccountId"));
        Assert.StartsWith("px-", order.Prop<string>("Tag"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_sends_nothing_and_names_account_symbol_side_size_type_price_and_brackets()
    {
        simulator.Reset();
        var before = (await simulator.Rest.OrdersAsync(Account)).Count;

        var result = simulator.Run(FarBelow + """

            New-PxOrder -Symbol MNQ -Side Buy -Size 2 -LimitPrice $far -StopLossTicks 20 -TakeProfitTicks 40 -WhatIf
            (Get-PxInstrument MNQ).Name
            $far
            """).AssertNoErrors();

        var far = Convert.ToDecimal(result.Output[^1].BaseObject, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty(result.OfType("ProjectX.Order"));
        Assert.Equal(before, (await simulator.Rest.OrdersAsync(Account)).Count);
        var contract = result.Output[^2].ToString();
        Assert.Equal(
            $"What if: Performing the operation \"Buy 2 {contract} Limit @ {far.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture)} [SL 20 ticks, TP 40 ticks]\" on target \"PRAC-V2-DEMO-50K (1001)\".",
            Assert.Single(simulator.Host.WhatIfLines));
    }

    [Fact]
    public void Side_accepts_Bid_and_Ask_and_every_order_type_has_its_own_message()
    {
        var result = Run(FarBelow + """

            New-PxOrder MNQ -Side Ask 1 -WhatIf
            New-PxOrder MNQ -Side Bid 1 -StopPrice ($last + 500) -WhatIf
            New-PxOrder MNQ Sell 1 -StopPrice $far -LimitPrice ($far - 1) -WhatIf
            New-PxOrder MNQ Sell 1 -TrailPrice $far -WhatIf
            New-PxOrder MNQ Buy 1 -JoinBid -WhatIf
            New-PxOrder MNQ Sell 1 -JoinAsk -WhatIf
            """).AssertNoErrors();

        var actions = simulator.Host.WhatIfLines.Select(l => l.Split('"')[1]).ToList();
        Assert.Equal(6, actions.Count);
        Assert.Matches(@"^Sell 1 MNQ\w+ Market$", actions[0]);
        Assert.Matches(@"^Buy 1 MNQ\w+ Stop @ [\d.]+$", actions[1]);
        Assert.Matches(@"^Sell 1 MNQ\w+ StopLimit stop [\d.]+ limit [\d.]+$", actions[2]);
        Assert.Matches(@"^Sell 1 MNQ\w+ TrailingStop trail [\d.]+$", actions[3]);
        Assert.Matches(@"^Buy 1 MNQ\w+ JoinBid$", actions[4]);
        Assert.Matches(@"^Sell 1 MNQ\w+ JoinAsk$", actions[5]);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Each_parameter_set_places_its_order_type()
    {
        var result = Run(FarBelow + """

            New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
            New-PxOrder MNQ Buy 1 -StopPrice ($last + 500) -Confirm:$false
            New-PxOrder MNQ Buy 1 -StopPrice ($last + 500) -LimitPrice ($last + 501) -Confirm:$false
            New-PxOrder MNQ Sell 1 -TrailPrice ($last - 100) -Confirm:$false
            New-PxOrder MNQ Buy 1 -JoinBid -Confirm:$false
            New-PxOrder MNQ Sell 1 -JoinAsk -Confirm:$false
            """).AssertNoErrors();

        var orders = result.OfType("ProjectX.Order");
        Assert.Equal(["Limit", "Stop", "StopLimit", "TrailingStop", "JoinBid", "JoinAsk"], orders.Select(o => o.Prop<string>("Type")).ToArray());
        Assert.All(orders, o => Assert.Equal("MNQ", o.Prop<string>("Symbol")));
        Assert.Equal(["Buy", "Buy", "Buy", "Sell", "Buy", "Sell"], orders.Select(o => o.Prop<string>("Side")).ToArray());
    }

    [Fact]
    public void Bracket_entry_shows_its_suspended_legs_in_Get_PxOrder_Open()
    {
        var result = Run(FarBelow + """

            $entry = New-PxOrder MNQ Buy 1 -LimitPrice $far -StopLossTicks 20 -TakeProfitTicks 40 -Tag bracket-test-1 -Confirm:$false
            $entry
            Get-PxOrder -Open
            """).AssertNoErrors();

        var entry = result.OfType("ProjectX.Order")[0];
        var open = result.OfType("ProjectX.Order").Skip(1).ToList();
        var entryId = entry.Prop<long>("OrderId");
        Assert.Equal("bracket-test-1", entry.Prop<string>("Tag"));
        Assert.Contains(open, o => o.Prop<long>("OrderId") == entryId && o.Prop<string>("Status") == "Open");
        var legs = open.Where(o => o.Properties["ParentOrderId"].Value is long parent && parent == entryId).ToList();
        Assert.Equal(2, legs.Count);
        Assert.All(legs, l => Assert.Equal("Suspended", l.Prop<string>("Status")));
        Assert.All(legs, l => Assert.Equal("Sell", l.Prop<string>("Side")));
        Assert.Equal(["Limit", "Stop"], legs.Select(l => l.Prop<string>("Type")).Order().ToArray());
    }

    [Fact]
    public async Task Get_PxOrder_Open_piped_to_Stop_PxOrder_cancels_every_working_order()
    {
        var result = Run(FarBelow + """

            1..3 | ForEach-Object { New-PxOrder MNQ Buy 1 -LimitPrice ($far - $_) -Confirm:$false } | Out-Null
            New-PxOrder MES Buy 1 -LimitPrice ([math]::Floor((@(Get-PxBar MES -Timeframe 1min -Count 1)[-1].Close - 300) / 0.25) * 0.25) -Confirm:$false | Out-Null
            @(Get-PxOrder -Open).Count
            Get-PxOrder -Open | Stop-PxOrder -Confirm:$false -PassThru
            @(Get-PxOrder -Open).Count
            """).AssertNoErrors();

        Assert.Equal(4, result.Output[0].BaseObject);
        var cancelled = result.OfType("ProjectX.Order");
        Assert.Equal(4, cancelled.Count);
        Assert.All(cancelled, o => Assert.Equal("Cancelled", o.Prop<string>("Status")));
        Assert.Equal(0, result.Output[^1].BaseObject);
        var orders = await simulator.Rest.OrdersAsync(Account);
        Assert.DoesNotContain(orders, o => o.GetProperty("status").GetInt32() == 1);
    }

    [Fact]
    public void Stop_PxOrder_All_confirms_at_high_impact_and_filters_by_symbol()
    {
        var result = Run(FarBelow + """

            New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false | Out-Null
            New-PxOrder MES Buy 1 -LimitPrice ([math]::Floor((@(Get-PxBar MES -Timeframe 1min -Count 1)[-1].Close - 300) / 0.25) * 0.25) -Confirm:$false | Out-Null
            Stop-PxOrder -All
            @(Get-PxOrder -Open).Count
            Stop-PxOrder -All -Symbol MES -Confirm:$false
            @(Get-PxOrder -Open | ForEach-Object Symbol)
            """).AssertNoErrors();

        // The default $ConfirmPreference (High) asks for -All; the host answered No, so nothing was cancelled.
        var prompt = Assert.Single(simulator.Host.Prompts);
        Assert.Contains("Cancel all 2 working order(s)", prompt, StringComparison.Ordinal);
        Assert.Equal(2, result.Output[0].BaseObject);
        Assert.Equal("MNQ", Assert.Single(result.Strings));
    }

    [Fact]
    public void Stop_PxOrder_on_an_order_that_already_ended_warns_and_on_a_filled_one_errors()
    {
        var result = Run(FarBelow + """

            $order = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
            $order | Stop-PxOrder -Confirm:$false
            $order | Stop-PxOrder -Confirm:$false -PassThru
            'still running'
            New-PxOrder MNQ Buy 1 -Wait -Confirm:$false | Stop-PxOrder -Confirm:$false
            'after the filled one'
            """);

        // Cancelling twice is not a failure (an OCO sibling or a sweep can get there first), so a script carries on.
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("had already ended", warning.Message, StringComparison.Ordinal);
        Assert.Equal("Cancelled", result.OfType("ProjectX.Order")[^1].Prop<string>("Status"));
        Assert.Equal(["still running", "after the filled one"], result.Strings);
        // A fill is different: the position changed, so the script must hear about it.
        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.OrderAlreadyFilled,ProjectX.PowerShell.Commands.StopPxOrderCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("has filled", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_PxOrder_WhatIf_names_each_order_and_cancels_nothing()
    {
        var result = Run(FarBelow + """

            $order = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
            $order | Stop-PxOrder -WhatIf
            (Get-PxOrder -Id $order.OrderId).Status
            $order.OrderId
            """).AssertNoErrors();

        Assert.Equal("Open", result.Output[^2].ToString());
        var id = result.Output[^1].BaseObject;
        Assert.Matches($@"^What if: Performing the operation ""Cancel order {id} \(Buy 1 MNQ\w+ Limit @ [\d.]+\)"" on target ""PRAC-V2-DEMO-50K \(1001\)""\.$", Assert.Single(simulator.Host.WhatIfLines));
    }

    [Fact]
    public void Set_PxOrder_modifies_price_and_size_from_the_pipeline()
    {
        var result = Run(FarBelow + """

            $order = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
            $order | Set-PxOrder -LimitPrice ($far - 10) -Size 3 -WhatIf
            $order | Set-PxOrder -LimitPrice ($far - 10) -Size 3 -PassThru -Confirm:$false
            $far - 10
            """).AssertNoErrors();

        var modified = Assert.Single(result.OfType("ProjectX.Order"));
        Assert.Equal(3, modified.Prop<int>("Size"));
        Assert.Equal(Convert.ToDecimal(result.Output[^1].BaseObject, System.Globalization.CultureInfo.InvariantCulture), modified.Prop<decimal>("LimitPrice"));
        Assert.Matches(@"^What if: Performing the operation ""Modify order \d+ \(Buy 1 MNQ\w+ Limit @ [\d.]+\): Size 3, LimitPrice [\d.]+"" on target ""PRAC-V2-DEMO-50K \(1001\)""\.$", Assert.Single(simulator.Host.WhatIfLines));
    }

    [Fact]
    public async Task Price_off_the_tick_is_refused_unless_Rounding_is_given()
    {
        simulator.Reset();
        var before = (await simulator.Rest.OrdersAsync(Account)).Count;
        var refused = simulator.Run(FarBelow + "\nNew-PxOrder MNQ Buy 1 -LimitPrice ($far + 0.1) -Confirm:$false; 'continued'");
        Assert.Equal(before, (await simulator.Rest.OrdersAsync(Account)).Count);

        var rounded = simulator.Run(FarBelow + "\nNew-PxOrder MNQ Buy 1 -LimitPrice ($far + 0.1) -Rounding Down -Confirm:$false; $far").AssertNoErrors();

        var error = Assert.Single(refused.Errors);
        Assert.Equal("ProjectX.PriceNotOnTick", error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("tick", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("continued", refused.Output[^1].BaseObject);
        var order = Assert.Single(rounded.OfType("ProjectX.Order"));
        Assert.Equal(Convert.ToDecimal(rounded.Output[^1].BaseObject, System.Globalization.CultureInfo.InvariantCulture), order.Prop<decimal>("LimitPrice"));
    }

    [Fact]
    public void Unknown_symbol_is_a_non_terminating_instrument_not_found()
    {
        var result = Run("New-PxOrder NOPE1 Buy 1 -Confirm:$false; 'continued'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.InstrumentNotFound", error.ErrorId());
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("continued", Assert.Single(result.Output).BaseObject);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task Size_below_one_is_a_terminating_invalid_size_and_sends_nothing(int size)
    {
        simulator.Reset();
        var before = (await simulator.Rest.OrdersAsync(Account)).Count;

        var result = simulator.Run($"try {{ New-PxOrder MNQ Buy -Size {size} -Confirm:$false; 'not reached' }} catch {{ $_ }}");

        var error = Assert.Single(result.CaughtErrors);
        Assert.Equal("ProjectX.InvalidSize", error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Single(result.Output);
        Assert.Equal(before, (await simulator.Rest.OrdersAsync(Account)).Count);
    }

    [Fact]
    public void Wait_PxOrder_returns_filled_orders_and_times_out_or_gives_up_with_specific_errors()
    {
        var result = Run(FarBelow + """

            New-PxOrder MNQ Sell 1 -Confirm:$false | Wait-PxOrder -Timeout 10
            $resting = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
            $resting | Wait-PxOrder -Timeout 1
            $resting | Stop-PxOrder -Confirm:$false
            $resting | Wait-PxOrder -Timeout 5
            $resting | Wait-PxOrder -Status Cancelled, Expired
            """);

        var orders = result.OfType("ProjectX.Order");
        // A wait that ends without the status writes an error, not the order.
        Assert.Equal(["Filled", "Cancelled"], orders.Select(o => o.Prop<string>("Status")).ToArray());
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal("ProjectX.WaitTimeout", result.Errors[0].ErrorId());
        Assert.Equal(ErrorCategory.OperationTimeout, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("ProjectX.WaitConditionUnreachable", result.Errors[1].ErrorId());
    }

    [Fact]
    public void Get_PxOrder_by_id_since_status_tag_and_symbol()
    {
        var result = Run(FarBelow + """

            $start = [datetime]::UtcNow
            $filled = New-PxOrder MNQ Buy 1 -Tag get-order-filled -Wait -Confirm:$false
            $resting = New-PxOrder MNQ Buy 1 -LimitPrice $far -Tag get-order-resting -Confirm:$false
            (Get-PxOrder -Id $filled.OrderId).Tag
            ($resting | Get-PxOrder).Tag
            @(Get-PxOrder -Since $start -Status Filled | ForEach-Object Tag) -join ','
            @(Get-PxOrder -Since $start -Tag 'get-order-*' | ForEach-Object Tag) -join ','
            @(Get-PxOrder -Open -Symbol MES).Count
            @(Get-PxOrder -Open -Symbol MNQ* | ForEach-Object Tag) -join ','
            try { Get-PxOrder -Since '2026-03-02' -Until '2026-03-01'; 'not reached' } catch { $_.FullyQualifiedErrorId }
            Get-PxOrder -Id 987654321; 'continued'
            """);

        Assert.Equal(
            ["get-order-filled", "get-order-resting", "get-order-filled", "get-order-filled,get-order-resting", "0", "get-order-resting"],
            result.Output.Take(6).Select(o => o.ToString()).ToArray());
        Assert.StartsWith("ProjectX.InvalidDateRange,", result.Output[6].ToString(), StringComparison.Ordinal);
        Assert.Equal("continued", result.Output[^1].BaseObject);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.OrderNotFound", error.ErrorId());
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Stop_and_Set_report_each_failed_order_and_go_on_with_the_rest()
    {
        var result = Run(FarBelow + """

            $order = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
            $order | Set-PxOrder -LimitPrice ($far + 0.1) -Confirm:$false
            Stop-PxOrder -OrderId 987654321, $order.OrderId -Confirm:$false -PassThru | ForEach-Object { "$($_.Status)" }
            Stop-PxOrder -OrderId $order.OrderId -Confirm:$false
            'continued'
            """);

        Assert.Equal(["Cancelled", "continued"], result.Strings);
        Assert.Equal(["ProjectX.PriceNotOnTick", "ProjectX.OrderNotFound"], result.Errors.Select(e => e.ErrorId()).ToArray());
        Assert.Equal(987654321L, result.Errors[1].TargetObject);
        Assert.Contains("had already ended", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_shows_the_order_calls()
    {
        var result = Run("New-PxOrder MNQ Buy 1 -Confirm:$false -Verbose | Out-Null").AssertNoErrors();

        Assert.Contains(result.Verbose, v => v.Message.StartsWith("Order/place: succeeded", StringComparison.Ordinal));
        Assert.All(result.Verbose, v => Assert.DoesNotContain("demo-api-key", v.Message, StringComparison.Ordinal));
    }
}
