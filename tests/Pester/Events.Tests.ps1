# Register-PxEvent as a pwsh user drives PowerShell events: Wait-Event, Get-Event, -Action, Unregister-Event and
# Get-EventSubscriber. Market data on the in-process simulator; user-hub events on a simulator process of this file's own.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    $script:Simulator = Start-TestSimulator
}

AfterAll {
    try { Disconnect-ProjectX } catch { }
    Stop-TestSimulator $script:Simulator
}

Describe 'Market events' {
    BeforeAll { Connect-ProjectX -Simulator }
    AfterEach {
        Get-EventSubscriber | Where-Object SourceIdentifier -Like 'T.*' | Unregister-Event
        Get-Event | Where-Object SourceIdentifier -Like 'T.*' | Remove-Event
    }

    It 'without -Action, events queue for Wait-Event and Get-Event with module-typed arguments' {
        Register-PxEvent -EventName Quote -Symbol MNQ -SourceIdentifier T.Quotes -MessageData 'note' | Should -BeNullOrEmpty
        @(Get-EventSubscriber -SourceIdentifier T.Quotes).Count | Should -Be 1
        $event = Wait-Event -SourceIdentifier T.Quotes -Timeout 30
        $event | Should -Not -BeNullOrEmpty
        $event.MessageData | Should -Be 'note'
        $event.Sender.GetType().FullName | Should -Be 'ProjectX.PowerShell.Models.PxEventSource'
        $event.SourceEventArgs.GetType().FullName | Should -Be 'ProjectX.PowerShell.Models.PxEventArgs'
        "$($event.SourceEventArgs.EventName) $($event.SourceEventArgs.Symbol)" | Should -Be 'Quote MNQ'
        $event.SourceEventArgs.Quote.GetType().FullName | Should -Be 'ProjectX.PowerShell.Models.PxQuote'
        $event.SourceEventArgs.Quote.Bid | Should -BeGreaterThan 0
        $null = Wait-Condition -Because 'a second quote' { @(Get-Event -SourceIdentifier T.Quotes).Count -ge 2 }
        Remove-Event -SourceIdentifier T.Quotes
        Unregister-Event -SourceIdentifier T.Quotes
        Get-EventSubscriber -SourceIdentifier T.Quotes -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It '-Symbol keeps only that instrument''s events' {
        Get-PxQuote MNQ | Out-Null
        Register-PxEvent -EventName Quote -Symbol MES -SourceIdentifier T.OnlyMes
        Register-PxEvent -EventName Quote -SourceIdentifier T.Everything
        $null = Wait-Condition -Because 'quotes of both symbols' {
            @(Get-Event -SourceIdentifier T.OnlyMes -ErrorAction Ignore).Count -ge 3 -and @(Get-Event -SourceIdentifier T.Everything -ErrorAction Ignore | ForEach-Object { $_.SourceEventArgs.Symbol } | Sort-Object -Unique).Count -ge 2
        }
        (Get-Event -SourceIdentifier T.OnlyMes).SourceEventArgs.Symbol | Sort-Object -Unique | Should -Be 'MES'
        @(Get-Event -SourceIdentifier T.Everything).SourceEventArgs.Symbol | Sort-Object -Unique | Should -Be 'MES', 'MNQ'
    }

    It '-Action runs on the pipeline thread between statements, until -MaxTriggerCount' {
        $global:PxQuotes = [System.Collections.Generic.List[object]]::new()
        $global:PxThreads = [System.Collections.Generic.List[int]]::new()
        $job = Register-PxEvent Quote -Symbol MNQ -SourceIdentifier T.Counted -MaxTriggerCount 3 -Action {
            $global:PxQuotes.Add($EventArgs.Quote)
            $global:PxThreads.Add([System.Threading.Thread]::CurrentThread.ManagedThreadId)
        }
        try {
            $job.GetType().Name | Should -Be 'PSEventJob'
            # Start-Sleep is a point where the engine runs pending actions.
            $null = Wait-Condition -Because 'three actions' { $global:PxQuotes.Count -ge 3 }
            # More quotes arrive after the third, but the subscription has removed itself.
            Watch-PxQuote MNQ -Count 3 | Out-Null
            Start-Sleep -Milliseconds 200
            $global:PxQuotes.Count | Should -Be 3
            $global:PxThreads | Sort-Object -Unique | Should -Be ([System.Threading.Thread]::CurrentThread.ManagedThreadId)
            $global:PxQuotes[0].Symbol | Should -Be 'MNQ'
            Get-EventSubscriber -SourceIdentifier T.Counted -ErrorAction Ignore | Should -BeNullOrEmpty
        }
        finally {
            Remove-Job $job -Force
            Remove-Variable PxQuotes, PxThreads -Scope Global
        }
    }

    It 'an unknown -Symbol is a terminating InstrumentNotFound that subscribes nothing' {
        { Register-PxEvent Quote -Symbol NOPE -SourceIdentifier T.Nope } | Should -Throw -ErrorId 'ProjectX.InstrumentNotFound,*'
        Get-EventSubscriber -SourceIdentifier T.Nope -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'market trades, depth and closed bars arrive as events' {
        Register-PxEvent MarketTrade -Symbol MNQ -SourceIdentifier T.Prints
        Register-PxEvent Depth -Symbol MNQ -SourceIdentifier T.Depth
        Start-PxDataFeed MNQ -Timeframe 1s -HistoryCount 0 | Out-Null
        Register-PxEvent BarClosed -Symbol MNQ -SourceIdentifier T.Bars
        try {
            $print = (Wait-Event -SourceIdentifier T.Prints -Timeout 30).SourceEventArgs.MarketTrade
            $book = (Wait-Event -SourceIdentifier T.Depth -Timeout 30).SourceEventArgs.OrderBook
            $bar = (Wait-Event -SourceIdentifier T.Bars -Timeout 30).SourceEventArgs.Bar
            $print.Symbol | Should -Be 'MNQ'
            $print.Price | Should -BeGreaterThan 0
            $print.Side | Should -BeIn 'Buy', 'Sell'
            $book.GetType().Name | Should -Be 'PxOrderBook'
            $book.Symbol | Should -Be 'MNQ'
            "$($bar.Symbol) $($bar.Timeframe)" | Should -Be 'MNQ 1s'
            $bar.High | Should -BeGreaterOrEqual $bar.Low
        }
        finally { Stop-PxDataFeed }
    }

    It 'ConnectionStateChanged reports the hubs dropping and coming back, and the gap is an event' {
        Register-PxEvent ConnectionStateChanged -SourceIdentifier T.Hubs
        Register-PxEvent Gap -SourceIdentifier T.Gaps
        # Ending the session on the server makes it send GatewayLogout: the client signs in again and reconnects.
        $null = (Get-PxConnection).Client.LogoutAsync([System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $states = Wait-Condition -Because 'the user hub to drop and reconnect' {
            $seen = @(Get-Event -SourceIdentifier T.Hubs -ErrorAction Ignore | ForEach-Object { '{0}:{1}' -f $_.SourceEventArgs.Hub, $_.SourceEventArgs.State })
            $dropped = [array]::FindIndex([string[]]$seen, [Predicate[string]] { param($s) $s -like 'User:*' -and $s -ne 'User:Connected' })
            if ($dropped -ge 0 -and $seen[$dropped..($seen.Count - 1)] -contains 'User:Connected') { , $seen }
        }
        $states | Should -Contain 'User:Connected'
        (Get-PxConnection).UserHubState | Should -Be 'Connected'
        $gap = Wait-Event -SourceIdentifier T.Gaps -Timeout 30
        $gap.SourceEventArgs.EventName | Should -Be 'Gap'
        $gap.SourceEventArgs.Reason | Should -Be 'Reconnect'
        $gap.SourceEventArgs.Hub | Should -BeIn 'User', 'Market'
        (Get-PxConnection).Gaps | Should -BeGreaterThan 0
    }

    It 'a live state that falls behind drops the oldest events, says so with a Gap, and reads the account again' {
        $connection = Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K -EventQueueCapacity 8 -NotDefault -PassThru
        # A .NET handler on the engine that holds its one event task until released: the queue (8 events) must overflow.
        Add-Type -IgnoreWarnings -WarningAction SilentlyContinue -ReferencedAssemblies $connection.Live.GetType().Assembly.Location, System.Threading, System.Runtime -TypeDefinition @'
public static class PxTestStall
{
    public static readonly System.Threading.ManualResetEventSlim Release = new System.Threading.ManualResetEventSlim(false);
    public static volatile bool Held;
    public static void Attach(ProjectX.Client.Live.LiveAccount live) =>
        live.QuoteChanged += (sender, e) => { Held = true; Release.Wait(System.TimeSpan.FromSeconds(90)); };
}
'@
        try {
            Register-PxEvent Gap -Connection $connection -SourceIdentifier T.Overflow
            $null = Get-PxQuote MNQ -Connection $connection
            [PxTestStall]::Attach($connection.Live)
            $null = Wait-Condition -Because 'the engine to be held by its next quote' { [PxTestStall]::Held }
            1..3 | ForEach-Object { $null = New-PxOrder MNQ Buy 1 -Connection $connection -Confirm:$false }
            $null = Wait-Condition -Because 'events to be dropped while the engine is held' { $connection.DroppedEvents -gt 0 }
        }
        finally { [PxTestStall]::Release.Set() }

        $gap = Wait-Event -SourceIdentifier T.Overflow -Timeout 60
        $gap.SourceEventArgs.Reason | Should -Be 'Overflow'
        $gap.SourceEventArgs.Hub | Should -BeNullOrEmpty
        # The snapshot that follows the gap holds what the dropped events said: the position of three buys.
        $position = Wait-Condition -Because 'the position after the resync' {
            $open = $connection.Live.Positions.Snapshot() | Where-Object { $_.Position.Size -eq 3 }
            if ($open) { $open }
        }
        $position.Position.Size | Should -Be 3
        $connection.Resyncs | Should -BeGreaterThan 0
        Close-PxPosition MNQ -Connection $connection -Confirm:$false
        Disconnect-ProjectX -Connection $connection
    }
}

Describe 'Account events' {
    BeforeAll { Reset-TestAccount $script:Simulator }
    AfterAll { Get-EventSubscriber | Where-Object SourceIdentifier -Like 'T.*' | Unregister-Event }

    It 'orders, fills, positions and the account reach actions and the queue as module objects' {
        $global:PxSeen = @{ Orders = [System.Collections.Generic.List[object]]::new(); Fills = [System.Collections.Generic.List[object]]::new(); Positions = [System.Collections.Generic.List[object]]::new() }
        $jobs = @(
            Register-PxEvent OrderUpdated -SourceIdentifier T.Orders -Action { $global:PxSeen.Orders.Add($EventArgs.Order) }
            Register-PxEvent TradeExecuted -SourceIdentifier T.Fills -Symbol MNQ -Action { $global:PxSeen.Fills.Add($EventArgs.Trade) }
            Register-PxEvent PositionUpdated -SourceIdentifier T.Positions -Action { $global:PxSeen.Positions.Add($EventArgs.Position) })
        Register-PxEvent AccountUpdated -SourceIdentifier T.Account
        try {
            @(Get-EventSubscriber | Where-Object SourceIdentifier -Like 'T.*').Count | Should -Be 4
            $order = New-PxOrder MNQ Buy 1 -Wait -Confirm:$false
            New-PxOrder MES Buy 1 -Wait -Confirm:$false | Out-Null
            $null = Wait-Condition -Because 'the fill, both positions and both filled orders' {
                $global:PxSeen.Fills.Count -ge 1 -and $global:PxSeen.Positions.Count -ge 2 -and @($global:PxSeen.Orders | Where-Object Status -EQ 'Filled').Count -ge 2
            }
            @($global:PxSeen.Orders | Where-Object { $_.OrderId -eq $order.OrderId -and $_.Status -eq 'Filled' }).Count | Should -BeGreaterOrEqual 1
            $global:PxSeen.Fills.Count | Should -Be 1
            $global:PxSeen.Fills[0].OrderId | Should -Be $order.OrderId
            $global:PxSeen.Fills[0].GetType().Name | Should -Be 'PxTrade'
            $global:PxSeen.Positions.Symbol | Sort-Object -Unique | Should -Be 'MES', 'MNQ'
            # Without -Action the account updates (each fill's fees change the balance) wait in the queue.
            $account = Wait-Event -SourceIdentifier T.Account -Timeout 30
            $account.SourceEventArgs.Account.AccountId | Should -Be 1001
        }
        finally {
            $jobs | Remove-Job -Force
            Remove-Variable PxSeen -Scope Global
        }
    }
}
