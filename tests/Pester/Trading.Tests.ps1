# New/Get/Set/Stop/Wait-PxOrder, Get/Close-PxPosition, Get-PxTrade and Get-PxPortfolio against a simulator process
# of this file's own, checked through an independent REST view of it. Each test starts flat (Reset-TestAccount).
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    $script:Simulator = Start-TestSimulator
    $script:Account = 1001
}

AfterAll {
    try { Disconnect-ProjectX } catch { }
    Stop-TestSimulator $script:Simulator
}

Describe 'New-PxOrder' {
    BeforeEach {
        Reset-TestAccount $script:Simulator
        $far = Get-FarBelowPrice
        # Orders stay on the account after a reset (cancelled): count what each test adds.
        $before = (Get-SimulatorOrder $script:Simulator).Count
    }

    It 'a market order with -Wait returns the filled order' {
        $order = New-PxOrder MNQ Buy 2 -Wait -Confirm:$false
        $order.pstypenames[0] | Should -Be 'ProjectX.Order'
        "$($order.Status) $($order.Type) $($order.Side) $($order.Size) $($order.FillVolume)" | Should -Be 'Filled Market Buy 2 2'
        $order.FilledPrice | Should -BeGreaterThan 0
        $order.Symbol | Should -Be 'MNQ'
        $order.AccountId | Should -Be $script:Account
        $order.Tag | Should -BeLike 'px-*'
    }

    It '-WhatIf sends nothing and names account, symbol, side, size, type, price and brackets' {
        $contract = (Get-PxInstrument MNQ).Name
        $lines = Get-WhatIfLine { New-PxOrder -Symbol MNQ -Side Buy -Size 2 -LimitPrice $far -StopLossTicks 20 -TakeProfitTicks 40 -WhatIf | Should -BeNullOrEmpty }
        $lines | Should -Be "What if: Performing the operation ""Buy 2 $contract Limit @ $($far.ToString([cultureinfo]::InvariantCulture)) [SL 20 ticks, TP 40 ticks]"" on target ""PRAC-V2-DEMO-50K (1001)""."
        (Get-SimulatorOrder $script:Simulator).Count | Should -Be $before
    }

    It 'takes Bid and Ask for -Side, and each order type has its own -WhatIf message' {
        $last = $far + 500
        $lines = Get-WhatIfLine {
            New-PxOrder MNQ -Side Ask 1 -WhatIf
            New-PxOrder MNQ -Side Bid 1 -StopPrice ($last + 500) -WhatIf
            New-PxOrder MNQ Sell 1 -StopPrice $far -LimitPrice ($far - 1) -WhatIf
            New-PxOrder MNQ Sell 1 -TrailPrice $far -WhatIf
            New-PxOrder MNQ Buy 1 -JoinBid -WhatIf
            New-PxOrder MNQ Sell 1 -JoinAsk -WhatIf
        }
        $actions = $lines | ForEach-Object { $_.Split('"')[1] }
        $actions.Count | Should -Be 6
        $actions[0] | Should -Match '^Sell 1 MNQ\w+ Market$'
        $actions[1] | Should -Match '^Buy 1 MNQ\w+ Stop @ [\d.]+$'
        $actions[2] | Should -Match '^Sell 1 MNQ\w+ StopLimit stop [\d.]+ limit [\d.]+$'
        $actions[3] | Should -Match '^Sell 1 MNQ\w+ TrailingStop trail [\d.]+$'
        $actions[4] | Should -Match '^Buy 1 MNQ\w+ JoinBid$'
        $actions[5] | Should -Match '^Sell 1 MNQ\w+ JoinAsk$'
        (Get-SimulatorOrder $script:Simulator).Count | Should -Be $before
    }

    It 'each parameter set places its order type' {
        $last = $far + 500
        $orders = @(
            New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
            New-PxOrder MNQ Buy 1 -StopPrice ($last + 500) -Confirm:$false
            New-PxOrder MNQ Buy 1 -StopPrice ($last + 500) -LimitPrice ($last + 501) -Confirm:$false
            New-PxOrder MNQ Sell 1 -TrailPrice ($last - 100) -Confirm:$false
            New-PxOrder MNQ Buy 1 -JoinBid -Confirm:$false
            New-PxOrder MNQ Sell 1 -JoinAsk -Confirm:$false)
        $orders.Type | Should -Be 'Limit', 'Stop', 'StopLimit', 'TrailingStop', 'JoinBid', 'JoinAsk'
        $orders.Side | Should -Be 'Buy', 'Buy', 'Buy', 'Sell', 'Buy', 'Sell'
        $orders.Symbol | Should -Be (@('MNQ') * 6)
        # Exactly once: six orders placed, six on the server.
        (Get-SimulatorOrder $script:Simulator).Count | Should -Be ($before + 6)
    }

    It 'a bracket entry shows its suspended legs in Get-PxOrder -Open' {
        $entry = New-PxOrder MNQ Buy 1 -LimitPrice $far -StopLossTicks 20 -TakeProfitTicks 40 -Tag bracket-test-1 -Confirm:$false
        $entry.Tag | Should -Be 'bracket-test-1'
        $open = @(Get-PxOrder -Open)
        ($open | Where-Object OrderId -EQ $entry.OrderId).Status | Should -Be 'Open'
        $legs = @($open | Where-Object ParentOrderId -EQ $entry.OrderId)
        $legs.Count | Should -Be 2
        $legs.Status | Should -Be 'Suspended', 'Suspended'
        $legs.Side | Should -Be 'Sell', 'Sell'
        @($legs.Type | Sort-Object) | Should -Be 'Limit', 'Stop'
    }

    It 'refuses an off-tick price unless -Rounding is given, and sends nothing' {
        New-PxOrder MNQ Buy 1 -LimitPrice ($far + 0.1) -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.PriceNotOnTick,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].Exception.Message | Should -BeLike '*tick*'
        (Get-SimulatorOrder $script:Simulator).Count | Should -Be $before
        (New-PxOrder MNQ Buy 1 -LimitPrice ($far + 0.1) -Rounding Down -Confirm:$false).LimitPrice | Should -Be $far
    }

    It 'an unknown symbol is a non-terminating InstrumentNotFound' {
        $output = New-PxOrder NOPE1 Buy 1 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue; 'continued'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.InstrumentNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $output | Should -BeNullOrEmpty
    }

    It '-Size <Size> is a terminating InvalidSize and sends nothing' -ForEach @(@{ Size = 0 }, @{ Size = -2 }) {
        { New-PxOrder MNQ Buy -Size $Size -Confirm:$false } | Should -Throw -ErrorId 'ProjectX.InvalidSize,ProjectX.PowerShell.Commands.NewPxOrderCommand'
        (Get-SimulatorOrder $script:Simulator).Count | Should -Be $before
    }

    It '-Verbose shows the order calls and never the key' {
        $verbose = New-PxOrder MNQ Buy 1 -Confirm:$false -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain ($verbose | Where-Object { $_ -like 'Order/place: succeeded*' })
        $verbose | Should -Not -Match $DemoApiKey
    }
}

Describe 'Get-PxOrder, Set-PxOrder, Stop-PxOrder and Wait-PxOrder' {
    BeforeEach {
        Reset-TestAccount $script:Simulator
        $far = Get-FarBelowPrice
        $mesFar = Get-FarBelowPrice MES -Distance 300
    }

    It 'Get-PxOrder -Open | Stop-PxOrder cancels every working order' {
        1..3 | ForEach-Object { New-PxOrder MNQ Buy 1 -LimitPrice ($far - $_) -Confirm:$false } | Out-Null
        New-PxOrder MES Buy 1 -LimitPrice $mesFar -Confirm:$false | Out-Null
        @(Get-PxOrder -Open).Count | Should -Be 4
        $cancelled = @(Get-PxOrder -Open | Stop-PxOrder -Confirm:$false -PassThru)
        $cancelled.Count | Should -Be 4
        $cancelled.Status | Should -Be (@('Cancelled') * 4)
        @(Get-PxOrder -Open).Count | Should -Be 0
        Get-SimulatorOrder $script:Simulator | Where-Object status -EQ 1 | Should -BeNullOrEmpty
    }

    It 'Stop-PxOrder -All -Symbol cancels only that instrument' {
        New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false | Out-Null
        New-PxOrder MES Buy 1 -LimitPrice $mesFar -Confirm:$false | Out-Null
        Stop-PxOrder -All -Symbol MES -Confirm:$false
        @(Get-PxOrder -Open).Symbol | Should -Be 'MNQ'
    }

    It 'Stop-PxOrder warns on an order that already ended and errors on one that filled' {
        $order = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
        $order | Stop-PxOrder -Confirm:$false
        $again = $order | Stop-PxOrder -Confirm:$false -PassThru -WarningVariable warned 3>$null
        $warned.Message | Should -BeLike '*had already ended*'
        $again.Status | Should -Be 'Cancelled'
        New-PxOrder MNQ Buy 1 -Wait -Confirm:$false | Stop-PxOrder -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        # A fill is different: the position changed, so the script must hear about it.
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ProjectX.OrderAlreadyFilled,ProjectX.PowerShell.Commands.StopPxOrderCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failed[0].Exception.Message | Should -BeLike '*has filled*'
    }

    It 'Stop-PxOrder -WhatIf names each order and cancels nothing' {
        $order = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
        $lines = Get-WhatIfLine { $order | Stop-PxOrder -WhatIf }
        $lines | Should -Match "^What if: Performing the operation ""Cancel order $($order.OrderId) \(Buy 1 MNQ\w+ Limit @ [\d.]+\)"" on target ""PRAC-V2-DEMO-50K \(1001\)""\.$"
        (Get-PxOrder -Id $order.OrderId).Status | Should -Be 'Open'
    }

    It 'Set-PxOrder modifies price and size from the pipeline, and -WhatIf changes nothing' {
        $order = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
        $lines = Get-WhatIfLine { $order | Set-PxOrder -LimitPrice ($far - 10) -Size 3 -WhatIf }
        $lines | Should -Match '^What if: Performing the operation "Modify order \d+ \(Buy 1 MNQ\w+ Limit @ [\d.]+\): size 3, limit [\d.]+" on target "PRAC-V2-DEMO-50K \(1001\)"\.$'
        (Get-PxOrder -Id $order.OrderId).Size | Should -Be 1
        $modified = $order | Set-PxOrder -LimitPrice ($far - 10) -Size 3 -PassThru -Confirm:$false
        $modified.Size | Should -Be 3
        $modified.LimitPrice | Should -Be ($far - 10)
    }

    It 'Stop-PxOrder and Set-PxOrder report each failed order and go on with the rest' {
        $order = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
        $errors = @()
        $order | Set-PxOrder -LimitPrice ($far + 0.1) -Confirm:$false -ErrorVariable +errors -ErrorAction SilentlyContinue
        $status = Stop-PxOrder -OrderId 987654321, $order.OrderId -Confirm:$false -PassThru -ErrorVariable +errors -ErrorAction SilentlyContinue | ForEach-Object { "$($_.Status)" }
        $status | Should -Be 'Cancelled'
        $errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'ProjectX.PriceNotOnTick', 'ProjectX.OrderNotFound'
        $errors[1].TargetObject | Should -Be 987654321
    }

    It 'Wait-PxOrder returns filled orders, and times out or gives up with specific errors' {
        $filled = New-PxOrder MNQ Sell 1 -Confirm:$false | Wait-PxOrder -Timeout 30
        $resting = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
        $errors = @()
        $resting | Wait-PxOrder -Timeout 1 -ErrorVariable +errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $resting | Stop-PxOrder -Confirm:$false
        $resting | Wait-PxOrder -Timeout 5 -ErrorVariable +errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $cancelled = $resting | Wait-PxOrder -Status Cancelled, Expired
        "$($filled.Status) $($cancelled.Status)" | Should -Be 'Filled Cancelled'
        $errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'ProjectX.WaitTimeout', 'ProjectX.WaitConditionUnreachable'
        $errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'Wait-PxOrder ends on the order events (realtime)' {
        (Get-PxConnection).UserHubState | Should -Be 'Connected'
        $quote = Get-PxQuote MNQ
        $order = New-PxOrder MNQ Buy 1 -LimitPrice ($quote.Ask + 5) -Confirm:$false
        ($order | Wait-PxOrder -Timeout 30).Status | Should -Be 'Filled'
        $resting = New-PxOrder MNQ Buy 1 -LimitPrice $far -Confirm:$false
        Stop-PxOrder -OrderId $resting.OrderId -Confirm:$false
        ($resting | Wait-PxOrder -Status Cancelled -Timeout 30).Status | Should -Be 'Cancelled'
    }

    It 'Get-PxOrder by id, -Since, -Status, -Tag and -Symbol' {
        $start = [datetime]::UtcNow
        $filled = New-PxOrder MNQ Buy 1 -Tag get-order-filled -Wait -Confirm:$false
        $resting = New-PxOrder MNQ Buy 1 -LimitPrice $far -Tag get-order-resting -Confirm:$false
        (Get-PxOrder -Id $filled.OrderId).Tag | Should -Be 'get-order-filled'
        ($resting | Get-PxOrder).Tag | Should -Be 'get-order-resting'
        (Get-PxOrder -Since $start -Status Filled).Tag | Should -Be 'get-order-filled'
        (Get-PxOrder -Since $start -Tag 'get-order-*').Tag | Should -Be 'get-order-filled', 'get-order-resting'
        @(Get-PxOrder -Open -Symbol MES).Count | Should -Be 0
        (Get-PxOrder -Open -Symbol MNQ*).Tag | Should -Be 'get-order-resting'
        { Get-PxOrder -Since '2026-03-02' -Until '2026-03-01' } | Should -Throw -ErrorId 'ProjectX.InvalidDateRange,ProjectX.PowerShell.Commands.GetPxOrderCommand'
        Get-PxOrder -Id 987654321 -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.OrderNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Positions, trades and the portfolio' {
    BeforeEach { Reset-TestAccount $script:Simulator }

    It 'accounts that can trade pipe into Get-PxPosition, with live unrealized PnL' {
        New-PxOrder MNQ Buy 2 -Confirm:$false | Out-Null
        New-PxOrder MES Sell 1 -Account PRAC-V2-DEMO-150K -Confirm:$false | Out-Null
        $positions = @(Get-PxAccount | Where-Object CanTrade | Get-PxPosition)
        $positions.Count | Should -Be 2
        $mnq = $positions | Where-Object AccountId -EQ 1001
        "$($mnq.Symbol) $($mnq.Side) $($mnq.Size) $($mnq.TickSize) $($mnq.TickValue)" | Should -Be 'MNQ Long 2 0.25 0.5'
        $mnq.AveragePrice | Should -BeGreaterThan 0
        $mnq.UnrealizedPnL | Should -Not -BeNullOrEmpty
        # Two contracts of 0.50 a tick: a whole number of ticks times 1.00.
        $mnq.UnrealizedPnL % 1 | Should -Be 0
        $mes = $positions | Where-Object AccountId -EQ 1002
        "$($mes.Symbol) $($mes.Side) $($mes.Size)" | Should -Be 'MES Short 1'
    }

    It 'Get-PxPosition | Close-PxPosition -WhatIf closes nothing and names each position' {
        New-PxOrder MNQ Buy 2 -Confirm:$false | Out-Null
        New-PxOrder MES Sell 1 -Confirm:$false | Out-Null
        $lines = Get-WhatIfLine { Get-PxPosition | Close-PxPosition -WhatIf }
        $lines.Count | Should -Be 2
        $lines -match '^What if: Performing the operation "Close Long 2 MNQ\w+: Sell 2 MNQ\w+ Market" on target "PRAC-V2-DEMO-50K \(1001\)"\.$' | Should -HaveCount 1
        $lines -match '^What if: Performing the operation "Close Short 1 MES\w+: Buy 1 MES\w+ Market" on target "PRAC-V2-DEMO-50K \(1001\)"\.$' | Should -HaveCount 1
        (Get-SimulatorPosition $script:Simulator).Count | Should -Be 2
    }

    It 'Close-PxPosition closes part, then all of a position' {
        New-PxOrder MNQ Buy 3 -Confirm:$false | Out-Null
        Close-PxPosition MNQ -Size 1 -Confirm:$false
        (Get-PxPosition MNQ).Size | Should -Be 2
        Get-PxPosition | Close-PxPosition -Confirm:$false
        @(Get-PxPosition).Count | Should -Be 0
        Get-SimulatorPosition $script:Simulator | Should -BeNullOrEmpty
    }

    It 'Close-PxPosition -All -Confirm:$false closes everything' {
        New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
        New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
        Close-PxPosition -All -Confirm:$false
        @(Get-PxPosition).Count | Should -Be 0
    }

    It 'an explicit -Symbol is not overridden by the ContractId of piped positions' {
        New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
        New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
        Get-PxPosition | Close-PxPosition -Symbol MNQ -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.PositionDoesNotMatchSymbol,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-PxPosition).Symbol | Should -Be 'MES'
    }

    It 'closing what is not open, or more than is open, are specific errors' {
        New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
        $errors = @()
        Close-PxPosition MES -Confirm:$false -ErrorVariable +errors -ErrorAction SilentlyContinue
        Close-PxPosition MNQ -Size 5 -Confirm:$false -ErrorVariable +errors -ErrorAction SilentlyContinue
        $errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'ProjectX.PositionNotFound', 'ProjectX.InvalidSize'
        $errors.CategoryInfo.Category | Should -Be 'ObjectNotFound', 'InvalidArgument'
        { Close-PxPosition MNQ -Size 0 -Confirm:$false } | Should -Throw -ErrorId 'ProjectX.InvalidSize,ProjectX.PowerShell.Commands.ClosePxPositionCommand'
        (Get-PxPosition MNQ).Size | Should -Be 1
    }

    It 'a piped position that closed since it was read is a warning, not an error' {
        New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
        $positions = Get-PxPosition
        Close-PxPosition MNQ -Confirm:$false
        $positions | Close-PxPosition -Confirm:$false -ErrorAction Stop -WarningVariable warned 3>$null
        $warned.Message | Should -BeLike '*has already closed*'
        @(Get-PxPosition).Count | Should -Be 0
    }

    It 'Get-PxTrade shows opening fills without and closing fills with realized PnL' {
        $since = [datetime]::UtcNow
        New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
        Close-PxPosition MNQ -Confirm:$false
        New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
        $trades = @(Get-PxTrade -Since $since -Symbol MNQ)
        $trades.Side | Should -Be 'Buy', 'Sell'
        $trades[0].RealizedPnL | Should -BeNullOrEmpty
        $trades[1].RealizedPnL | Should -Not -BeNullOrEmpty
        $trades | ForEach-Object { $_.Fees | Should -BeGreaterThan 0 }
        $trades.Symbol | Should -Be 'MNQ', 'MNQ'
        $trades[0].Time | Should -BeLessOrEqual $trades[1].Time
        @(Get-PxTrade -Since $since).Count | Should -Be 3
        { Get-PxTrade -Since '2026-03-02' -Until '2026-03-01' } | Should -Throw -ErrorId 'ProjectX.InvalidDateRange,ProjectX.PowerShell.Commands.GetPxTradeCommand'
    }

    It 'Get-PxPortfolio sums the fills since a time and counts the open positions' {
        $since = [datetime]::UtcNow
        New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
        Close-PxPosition MNQ -Confirm:$false
        New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
        $trades = @(Get-PxTrade -Since $since)
        $portfolio = Get-PxAccount -Name PRAC-V2-DEMO-50K | Get-PxPortfolio -Since $since
        "$($portfolio.AccountId) $($portfolio.Account)" | Should -Be '1001 PRAC-V2-DEMO-50K'
        $portfolio.RealizedPnL | Should -Be ($trades | Where-Object RealizedPnL -NE $null | Measure-Object RealizedPnL -Sum).Sum
        $portfolio.Fees | Should -Be ($trades | Measure-Object Fees -Sum).Sum
        $portfolio.NetPnL | Should -Be ($portfolio.RealizedPnL - $portfolio.Fees)
        "$($portfolio.OpenPositions) $($portfolio.TradeCount)" | Should -Be '1 3'
        $portfolio.Balance | Should -BeGreaterThan 0
        $portfolio.UnrealizedPnL | Should -Not -BeNullOrEmpty
    }

    It 'without realtime, unrealized PnL is empty rather than guessed' {
        New-PxOrder MNQ Buy 2 -Confirm:$false | Out-Null
        $rest = Connect-ProjectX -UserName $DemoUserName -ApiKey $DemoApiKey -ApiUrl $script:Simulator.Url -NoRealtime -PassThru
        (Get-PxPosition MNQ -Connection $rest).UnrealizedPnL | Should -BeNullOrEmpty
        (Get-PxPortfolio -Connection $rest).UnrealizedPnL | Should -BeNullOrEmpty
        Disconnect-ProjectX -Connection $rest
    }
}
