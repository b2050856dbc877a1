# Market data on the in-process simulator (read-only): accounts, instruments, bars, quotes, the order book, live bar
# feeds, stopping a long call, and tab completion.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    $symbolCommands = Get-Command -Module ProjectX | Where-Object { $_.Parameters.ContainsKey('Symbol') } | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    Connect-ProjectX -Simulator

    <# Runs $Script in a runspace of its own with the module connected, and stops it once $Started holds. #>
    function script:Stop-Midway([string] $Script, [scriptblock] $Started) {
        $ps = [powershell]::Create([System.Management.Automation.RunspaceMode]::NewRunspace)
        try {
            $null = $ps.AddScript("Import-Module '$(Get-ModuleManifestPath)'; Connect-ProjectX -Simulator; $Script")
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $running = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            $null = Wait-Condition -TimeoutSeconds 120 -Because 'the command to get going' -Condition { & $Started $ps $output }
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $running.IsCompleted | Should -BeTrue
            , $output
        }
        finally { $ps.Dispose() }
    }
}

AfterAll { try { Disconnect-ProjectX } catch { } }

Describe 'Get-PxAccount' {
    It 'filters by wildcard name, by id and with -All' {
        (Get-PxAccount -Name '*150k').Name | Should -Be 'PRAC-V2-DEMO-150K'
        (Get-PxAccount -Id 1002, 1004).AccountId | Should -Be 1002, 1004
        (Get-PxAccount -All -Name *CLOSED).Name | Should -Be 'PRAC-V2-DEMO-CLOSED'
        Get-PxAccount -Name *CLOSED | Should -BeNullOrEmpty
    }

    It 'an unknown name or id is non-terminating AccountNotFound' {
        $errors = @()
        $found = Get-PxAccount -Name NO-SUCH-ACCOUNT, PRAC-V2-DEMO-50K -ErrorVariable +errors -ErrorAction SilentlyContinue
        Get-PxAccount -Id 999999 -ErrorVariable +errors -ErrorAction SilentlyContinue
        $found.AccountId | Should -Be 1001
        $errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'ProjectX.AccountNotFound', 'ProjectX.AccountNotFound'
        $errors.CategoryInfo.Category | Should -Be 'ObjectNotFound', 'ObjectNotFound'
    }
}

Describe 'Get-PxInstrument' {
    It 'takes symbols from the pipeline, by value and by property name, and searches' {
        ('MNQ', 'NQ' | Get-PxInstrument).Symbol | Should -Be 'MNQ', 'NQ'
        (Get-PxInstrument MNQ | Get-PxInstrument).ContractId | Should -BeLike 'CON.F.US.MNQ.*'
        @(Get-PxInstrument -Search NQ).Count | Should -BeGreaterOrEqual 1
    }

    It 'an unknown symbol is non-terminating and the others still resolve' {
        $symbols = Get-PxInstrument -Symbol NOPE1, MNQ, NOPE2 -ErrorVariable failed -ErrorAction SilentlyContinue | ForEach-Object Symbol
        $symbols | Should -Be 'MNQ'
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'ProjectX.InstrumentNotFound', 'ProjectX.InstrumentNotFound'
        $failed.CategoryInfo.Category | Should -Be 'ObjectNotFound', 'ObjectNotFound'
        $failed.TargetObject | Should -Be 'NOPE1', 'NOPE2'
    }

    It "`$ErrorActionPreference = 'Stop' makes it terminating, and the session goes on" {
        $caught = & {
            $ErrorActionPreference = 'Stop'
            try { Get-PxInstrument -Symbol NOPE1, MNQ | ForEach-Object Symbol; 'not reached' } catch { $_ }
        }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.InstrumentNotFound,*'
        (Get-PxInstrument MNQ).Symbol | Should -Be 'MNQ'
    }
}

Describe 'Get-PxBar' {
    It '-Count returns that many typed bars, oldest first, in the timeframe' {
        $bars = @(Get-PxBar -Symbol MNQ -Timeframe 5min -Count 100)
        $bars.Count | Should -Be 100
        $bars[0].GetType().FullName | Should -Be 'ProjectX.PowerShell.Models.PxBar'
        for ($i = 1; $i -lt $bars.Count; $i++) {
            $step = $bars[$i].Time - $bars[$i - 1].Time
            $step.TotalMinutes | Should -BeGreaterOrEqual 5
            $step.Ticks % [timespan]::FromMinutes(5).Ticks | Should -Be 0
        }
        foreach ($bar in $bars) {
            "$($bar.Symbol) $($bar.Timeframe)" | Should -Be 'MNQ 5min'
            $bar.ContractId | Should -BeLike 'CON.F.US.MNQ.*'
            $bar.Low | Should -BeLessOrEqual ([math]::Min($bar.Open, $bar.Close))
            $bar.High | Should -BeGreaterOrEqual ([math]::Max($bar.Open, $bar.Close))
        }
    }

    It 'instruments from the pipeline bind by property name and come back symbol by symbol' {
        $bars = @(Get-PxInstrument MNQ, MES | Get-PxBar -Timeframe 5min -Count 100)
        ($bars.Symbol -join ',') | Should -Be ((@('MNQ') * 100 + @('MES') * 100) -join ',')
    }

    It '-Start and -End return the bars inside the range' {
        $end = [datetime]::UtcNow.Date.AddDays(-1).AddHours(15)
        $bars = @(Get-PxBar MNQ -Timeframe 1h -Start $end.AddDays(-3) -End $end)
        $bars.Count | Should -BeGreaterThan 0
        foreach ($bar in $bars) {
            $bar.Time | Should -BeGreaterOrEqual ([DateTimeOffset]::new($end.AddDays(-3), [timespan]::Zero))
            $bar.Time | Should -BeLessOrEqual ([DateTimeOffset]::new($end, [timespan]::Zero))
            $bar.Timeframe | Should -Be '1h'
        }
    }

    It '-Days returns daily bars of that many days' {
        $bars = @(Get-PxBar MES -Timeframe 1d -Days 30)
        $bars.Count | Should -BeGreaterOrEqual 15
        $bars.Count | Should -BeLessOrEqual 31
    }

    It '-IncludePartialBar adds the forming bar' {
        $without = @(Get-PxBar MNQ -Timeframe 1h -Count 3)[-1].Time
        $with = @(Get-PxBar MNQ -Timeframe 1h -Count 3 -IncludePartialBar)[-1].Time
        $with | Should -BeGreaterOrEqual $without
    }

    It 'the timeframe is case-insensitive, read with the SDK''s grammar, and written in canonical form' {
        (Get-PxBar MNQ -Timeframe 15MIN -Count 2).Timeframe | Should -Be '15min', '15min'
        # A digit-leading word binds as the text typed.
        @(Get-PxBar MNQ -Timeframe 1d -Count 2)[0].Timeframe | Should -Be '1d'
        # The strings C# accepts work here too: m is minutes (months are mo), and the unit may be spelled out.
        @(Get-PxBar MNQ -Timeframe 5m -Count 1)[0].Timeframe | Should -Be '5min'
        @(Get-PxBar MNQ -Timeframe '1 hour' -Count 1)[0].Timeframe | Should -Be '1h'
        @(Get-PxBar MNQ -Timeframe 30sec -Count 1)[0].Timeframe | Should -Be '30s'
    }

    It 'stops at once when the pipeline is stopped (Ctrl+C) in the middle of a long paged request' {
        # One-second bars over two years: thousands of pages, far more than any test waits for.
        $output = Stop-Midway 'Get-PxBar MNQ -Timeframe 1s -Start ([datetime]::UtcNow.AddYears(-2)) -Verbose' { param($ps) $ps.Streams.Verbose.Count -gt 0 }
        $output.Count | Should -Be 0
    }
}

Describe 'Live market data' {
    It 'Get-PxQuote and Get-PxOrderBook read the live market' {
        $quote = Get-PxInstrument MNQ | Get-PxQuote
        $quote.pstypenames[0] | Should -Be 'ProjectX.Quote'
        $quote.Symbol | Should -Be 'MNQ'
        $quote.Bid | Should -BeLessThan $quote.Ask
        $quote.Last | Should -BeGreaterThan 0
        $books = @(Get-PxOrderBook MNQ, MES -Levels 3)
        $books.Symbol | Should -Be 'MNQ', 'MES'
        foreach ($book in $books) {
            $book.BestBid | Should -BeLessThan $book.BestAsk
            $book.Bids.Count | Should -BeIn @(1, 2, 3)
            $book.Asks.Count | Should -BeIn @(1, 2, 3)
            $book.Imbalance | Should -BeGreaterOrEqual -1
            $book.Imbalance | Should -BeLessOrEqual 1
        }
    }

    It 'Watch-PxQuote writes -Count quotes then ends, and -Timeout ends quietly' {
        $quotes = @(Watch-PxQuote MNQ, MES -Count 4)
        $quotes.Count | Should -Be 4
        $quotes.Symbol | ForEach-Object { $_ | Should -BeIn 'MNQ', 'MES' }
        @(Watch-PxQuote MNQ -Timeout 1 | Where-Object Symbol -NE 'MNQ').Count | Should -Be 0
    }

    It 'Watch-PxQuote stops when the pipeline is stopped (Ctrl+C), and the session is usable after' {
        $output = Stop-Midway 'Watch-PxQuote MNQ' { param($ps, $output) $output.Count -gt 0 }
        $output.Count | Should -BeGreaterThan 0
        (Get-PxQuote MNQ).Symbol | Should -Be 'MNQ'
    }

    It 'Start-PxDataFeed seeds bars that Get-PxBar -Live reads until Stop-PxDataFeed' {
        $feed = Start-PxDataFeed -Symbol MNQ -Timeframe 1min, 5min -HistoryCount 20
        $feed.Timeframes | Should -Be '1min', '5min'
        $bars = @(Get-PxBar MNQ -Timeframe 5min -Live -Count 3)
        $bars.Count | Should -Be 3
        $bars.Timeframe | Should -Be '5min', '5min', '5min'
        $bars[0].Time | Should -BeLessThan $bars[2].Time
        @(Get-PxBar MNQ -Timeframe 1min -Live -Count 2 -IncludePartialBar).Count | Should -Be 2
        Stop-PxDataFeed -Symbol MN*
        { Get-PxBar MNQ -Timeframe 5min -Live -ErrorAction Stop } | Should -Throw -ErrorId 'ProjectX.NoDataFeed,ProjectX.PowerShell.Commands.GetPxBarCommand'
    }

    It 'the live cmdlets need realtime and say so' {
        $rest = Connect-ProjectX -Simulator -NoRealtime -PassThru -NotDefault
        foreach ($command in { Get-PxQuote MNQ -Connection $rest }, { Watch-PxQuote MNQ -Count 1 -Connection $rest }, { Get-PxOrderBook MNQ -Connection $rest },
            { Start-PxDataFeed MNQ -Connection $rest }, { Register-PxEvent Quote -Connection $rest }, { Get-PxBar MNQ -Live -Connection $rest }) {
            $command | Should -Throw -ErrorId 'ProjectX.RealtimeUnavailable,*'
        }
        Disconnect-ProjectX -Connection $rest
    }
}

Describe 'Tab completion' {
    It '-Timeframe offers the grammar' {
        (TabExpansion2 'Get-PxBar MNQ -Timeframe 5' 26).CompletionMatches.CompletionText | Should -Be '5s', '5min'
    }

    It '-Account offers the account names of the default connection' {
        $line = 'Get-PxPosition -Account PRAC-V2-DEMO-1'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be 'PRAC-V2-DEMO-150K'
    }

    It '-Firm offers the known presets' {
        $line = 'Connect-ProjectX -Firm tops'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be 'topstepx'
    }

    It '-Symbol of <Name> offers the catalogue' -ForEach $symbolCommands {
        # Stop-PxDataFeed offers the running feeds.
        if ($Name -eq 'Stop-PxDataFeed') { Start-PxDataFeed MNQ, MES -HistoryCount 0 | Out-Null }
        try {
            $line = "$Name -Symbol M"
            $offered = @((TabExpansion2 $line $line.Length).CompletionMatches.CompletionText)
            $offered | Should -Contain 'MNQ'
            $offered | Should -Contain 'MES'
            $offered | ForEach-Object { $_ | Should -BeLike 'M*' }
        }
        finally { Stop-PxDataFeed }
    }

    It 'offline, -Symbol offers the common roots, and digit-leading words complete bare' {
        $offline = Invoke-TestPwsh -Command @"
Import-Module '$(Get-ModuleManifestPath)'
(TabExpansion2 'Get-PxBar -Symbol MN' 20).CompletionMatches.CompletionText
(TabExpansion2 'Get-PxBar -Symbol 6' 19).CompletionMatches.CompletionText -contains '6E'
"@
        $offline.StdOut.Trim() -split '\r?\n' | Should -Be 'MNQ', 'True'
    }
}
