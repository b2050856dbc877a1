# The CME trading calendar in PowerShell: Get-PxSession, Test-PxMarketOpen, Get-PxBar -Session, their errors, tab
# completion and the 80-column view. Reference instants are worked out by hand (CST = UTC-6, CDT = UTC-5; DST 2026
# from Sunday 8 March to Sunday 1 November; equity index trades 17:00-16:00 CT, RTH 08:30-15:15 CT).
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
}

Describe 'Test-PxMarketOpen' {
    It 'is <Open> for <Symbol> at <At> (<Why>)' -ForEach @(
        @{ Symbol = 'MNQ'; At = '2026-03-08T21:59:59Z'; Open = $false; Why = 'Sunday 16:59:59 CDT, the first Sunday of DST' }
        @{ Symbol = 'MNQ'; At = '2026-03-08T22:00:00Z'; Open = $true; Why = 'Sunday 17:00 CDT' }
        @{ Symbol = 'MNQ'; At = '2026-11-01T22:00:00Z'; Open = $false; Why = 'Sunday 16:00 CST, after DST ended' }
        @{ Symbol = 'MNQ'; At = '2026-11-01T23:00:00Z'; Open = $true; Why = 'Sunday 17:00 CST' }
        @{ Symbol = 'ES'; At = '2026-07-14T21:30:00Z'; Open = $false; Why = 'the 16:00-17:00 CDT break' }
        @{ Symbol = 'ES'; At = '2026-12-25T15:00:00Z'; Open = $false; Why = 'Christmas Day' }
        @{ Symbol = 'ES'; At = '2026-11-27T18:14:00Z'; Open = $true; Why = 'before the 12:15 CST early close' }
        @{ Symbol = 'ES'; At = '2026-11-27T18:15:00Z'; Open = $false; Why = 'the 12:15 CST early close' }
        @{ Symbol = 'ZC'; At = '2026-07-14T13:00:00Z'; Open = $false; Why = 'grains pause 07:45-08:30 CDT' }
        @{ Symbol = 'CON.F.US.CLE.Q26'; At = '2026-07-14T13:00:00Z'; Open = $true; Why = 'crude by contract id' }
    ) {
        Test-PxMarketOpen $Symbol -At ([datetimeoffset]::Parse($At, [cultureinfo]::InvariantCulture).UtcDateTime) | Should -Be $Open
    }

    It 'answers the help example: True, True, False' {
        'ES', 'CL', 'ZC' | Test-PxMarketOpen -At '2026-07-14T13:00:00Z' | Should -Be $true, $true, $false
    }

    It 'needs no connection' {
        $offline = Invoke-TestPwsh -Command @"
Import-Module '$(Get-ModuleManifestPath)'
Test-PxMarketOpen NQ -At '2026-07-14T15:00:00Z'
"@
        $offline.StdOut.Trim() | Should -Be 'True'
    }
}

Describe 'Get-PxSession' {
    It 'shows the trade date, its sessions and the next open and close in Chicago time' {
        $s = Get-PxSession MNQ -At ([datetime]::new(2026, 3, 8, 21, 30, 0, [DateTimeKind]::Utc)) # Sunday 16:30 CDT: Friday's day, closed
        $s.PSObject.TypeNames[0] | Should -Be 'ProjectX.Session'
        $s.Symbol | Should -Be 'MNQ'
        $s.ProductGroup | Should -Be 'EquityIndex'
        $s.IsOpen | Should -BeFalse
        $s.Session | Should -Be 'Closed'
        $s.TradingDay | Should -Be ([DateOnly]::new(2026, 3, 6))
        $s.DayStart | Should -Be ([datetimeoffset]::new(2026, 3, 5, 17, 0, 0, [timespan]::FromHours(-6)))
        $s.DayEnd | Should -Be ([datetimeoffset]::new(2026, 3, 6, 16, 0, 0, [timespan]::FromHours(-6)))
        $s.RegularStart | Should -Be ([datetimeoffset]::new(2026, 3, 6, 8, 30, 0, [timespan]::FromHours(-6)))
        $s.RegularEnd | Should -Be ([datetimeoffset]::new(2026, 3, 6, 15, 15, 0, [timespan]::FromHours(-6)))
        $s.NextOpen | Should -Be ([datetimeoffset]::new(2026, 3, 8, 17, 0, 0, [timespan]::FromHours(-5)))
        $s.NextOpen.Offset | Should -Be ([timespan]::FromHours(-5))
        $s.NextClose | Should -Be ([datetimeoffset]::new(2026, 3, 9, 16, 0, 0, [timespan]::FromHours(-5)))
        $s.CoveredThrough | Should -Be ([DateOnly]::new(2027, 12, 31))
    }

    It 'explains a holiday: the Thanksgiving session counts for Friday, which closes early' {
        $s = Get-PxSession ES -At '2026-11-27T17:00:00Z'
        $s.TradingDay | Should -Be ([DateOnly]::new(2026, 11, 27))
        $s.Session | Should -Be 'Regular'
        $s.DayStart | Should -Be ([datetimeoffset]::new(2026, 11, 25, 17, 0, 0, [timespan]::FromHours(-6)))
        $s.DayEnd | Should -Be ([datetimeoffset]::new(2026, 11, 27, 12, 15, 0, [timespan]::FromHours(-6)))
        $s.Note | Should -Not -BeNullOrEmpty
        @($s.Sessions).Count | Should -BeGreaterThan 2
    }

    It 'takes symbols from the pipeline and by property name' {
        @('NQ', 'CL' | Get-PxSession -At '2026-07-14T15:00:00Z').ProductGroup | Should -Be 'EquityIndex', 'Energy'
        @([pscustomobject]@{ Symbol = '6E' } | Get-PxSession -At '2026-07-14T15:00:00Z').ProductGroup | Should -Be 'Fx'
    }

    It 'fits 80 columns' {
        $text = Get-PxSession NQ, ZC, GC, 6E, ZN, CL -At '2026-07-14T15:00:00Z' | Out-String -Width 80
        $text -split '\r?\n' | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $text | Should -Match 'NextOpen \(CT\)'
        $text | Should -Match 'Tue 07-14 16:00' # NQ's next close, 16:00 CDT
        (Get-PxSession NQ -At '2026-07-14T15:00:00Z' | Format-List | Out-String -Width 80) | Should -Match 'RTH \(CT\)\s+: Tue 07-14 08:30 - Tue 07-14 15:15'
    }

    It '-Symbol completes the covered symbols without a connection' {
        $line = 'Get-PxSession -Symbol Z'
        $offered = @((TabExpansion2 $line $line.Length).CompletionMatches.CompletionText)
        $offered | Should -Contain 'ZN'
        $offered | Should -Contain 'ZC'
        $offered | ForEach-Object { $_ | Should -BeLike 'Z*' }
    }
}

Describe 'Calendar errors' {
    It '<Command> writes <ErrorId> (<Category>) and nothing else' -ForEach @(
        @{ Command = 'Get-PxSession HE'; ErrorId = 'ProjectX.UnknownProduct'; Category = 'ObjectNotFound' }
        @{ Command = 'Test-PxMarketOpen BTC'; ErrorId = 'ProjectX.UnknownProduct'; Category = 'ObjectNotFound' }
        @{ Command = 'Test-PxMarketOpen ES -At 2028-03-01T15:00:00Z'; ErrorId = 'ProjectX.CalendarExpired'; Category = 'ResourceUnavailable' }
        @{ Command = 'Get-PxSession ES -At 2028-03-01T15:00:00Z'; ErrorId = 'ProjectX.CalendarExpired'; Category = 'ResourceUnavailable' }
        @{ Command = 'Get-PxSession ES -At 2024-06-03T15:00:00Z'; ErrorId = 'ProjectX.CalendarNotCovered'; Category = 'InvalidArgument' }
    ) {
        $errors = $null
        $output = Invoke-Expression "$Command -ErrorVariable errors -ErrorAction SilentlyContinue"
        $output | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $errors[0].CategoryInfo.Category | Should -Be $Category
    }

    It 'an unknown symbol does not stop the others' {
        $results = @(Test-PxMarketOpen ES, HE, NQ -At '2026-07-14T15:00:00Z' -ErrorVariable errors -ErrorAction SilentlyContinue)
        $results | Should -Be $true, $true
        $errors.Count | Should -Be 1
    }
}

Describe 'Get-PxBar -Session' {
    BeforeAll { Connect-ProjectX -Simulator }
    AfterAll { try { Disconnect-ProjectX } catch { } }

    It 'RTH keeps only regular-session bars' {
        # The 5-minute bars of the last trade dates: every bar lies inside 08:30-15:15 Chicago time.
        $bars = @(Get-PxBar MNQ 5min -Days 4 -Session RTH)
        $bars.Count | Should -BeGreaterThan 0
        foreach ($bar in $bars) {
            $session = Get-PxSession MNQ -At $bar.Time.UtcDateTime
            $session.Session | Should -Be 'Regular'
            $bar.Time.AddMinutes(5) | Should -BeLessOrEqual $session.RegularEnd
        }
    }

    It 'ETH day bars start at a trade date''s first open, not at midnight UTC' {
        $days = @(Get-PxBar ES 1d -Days 10 -Session ETH)
        $days.Count | Should -BeGreaterThan 3
        foreach ($day in $days) {
            $session = Get-PxSession ES -At $day.Time.UtcDateTime
            $session.DayStart | Should -Be $day.Time
            $session.DayStart.Hour | Should -Be 17 # Chicago wall-clock, summer or winter
        }
    }

    It '-Session with an unknown symbol is a non-terminating error and writes no bars' {
        # (A listed product the calendar does not cover is ProjectX.UnknownProduct; the simulator lists none, so the C# tests cover it.)
        Get-PxBar NOSUCH 1d -Days 5 -Session ETH -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.InstrumentNotFound,*'
    }

    It 'refuses a session name it does not know before sending anything' {
        { Get-PxBar MNQ 1d -Days 5 -Session Overnight -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}
