# The trade journal from real pwsh: the module's own load context loads the native SQLite it ships, the quickstart's
# trades come back as round trips that agree with Get-PxTrade, statistics and CSV export, and the journal's errors.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $script:Root = Get-RepoRoot
    $script:ModuleManifest = Get-ModuleManifestPath
}

Describe 'The trade journal in real pwsh' {
    It 'ships e_sqlite3 for each platform under Dependencies/runtimes' {
        $dependencies = Join-Path (Split-Path $script:ModuleManifest) 'Dependencies'
        foreach ($native in 'linux-x64/native/libe_sqlite3.so', 'linux-arm64/native/libe_sqlite3.so', 'osx-arm64/native/libe_sqlite3.dylib', 'win-x64/native/e_sqlite3.dll') {
            Join-Path $dependencies "runtimes/$native" | Should -Exist
        }
    }

    It 'loads SQLite from the module, rebuilds the quickstart''s and BracketStrategy''s trades, and counts them once when imported twice' {
        $journal = Join-Path $TestDrive 'journal.db'
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModuleManifest'
& '$script:Root/examples/Quickstart.ps1' | Out-Null
& '$script:Root/examples/BracketStrategy.ps1' -Simulator -DurationSeconds 10 -SmaBars 5 | Out-Null
'strategy=' + `$LASTEXITCODE
Connect-ProjectX -Simulator
`$trips = @(Get-PxTradeJournal -Path '$journal')
`$again = @(Get-PxTradeJournal -Path '$journal' -Verbose 4>&1 | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] -and `$_.Message -like 'Journal *' })
`$fills = @(Get-PxTrade | Sort-Object Time, TradeId)
# Independently of the journal: a trade ends each time a contract's signed position reaches or crosses zero.
`$position = @{}; `$ends = 0
foreach (`$f in `$fills) { `$before = [int]`$position[`$f.ContractId]; `$after = `$before + `$(if (`$f.Side -eq 'Buy') { `$f.Size } else { -`$f.Size }); if (`$before -ne 0 -and (`$after -eq 0 -or [Math]::Sign(`$after) -ne [Math]::Sign(`$before))) { `$ends++ }; `$position[`$f.ContractId] = `$after }
'trips=' + `$trips.Count
'ends=' + `$ends
'fills=' + `$fills.Count
'used=' + ((`$trips | ForEach-Object { `$_.Fills } | Measure-Object Quantity -Sum).Sum)
'size=' + ((`$fills | Measure-Object Size -Sum).Sum)
'gross=' + (`$trips | Measure-Object GrossPnl -Sum).Sum
'gateway=' + (`$fills | Measure-Object RealizedPnL -Sum).Sum
'check=' + ((`$trips | ForEach-Object PnlCheck | Sort-Object -Unique) -join ',')
'tag=' + `$trips[0].Tag
'again=' + `$again[-1].Message
'native=' + @(Get-Content /proc/`$PID/maps | Where-Object { `$_ -match 'libe_sqlite3' } | ForEach-Object { (`$_ -split '\s+')[-1] } | Sort-Object -Unique)
'width=' + ((Get-PxTradeJournal -Path '$journal' -NoSync | Out-String -Width 200) -split '\r?\n' | Measure-Object Length -Maximum).Maximum
'statswidth=' + ((Get-PxStatistics -Path '$journal' -NoSync -By Symbol | Out-String -Width 200) -split '\r?\n' | Measure-Object Length -Maximum).Maximum
"@
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $report = @{}
        foreach ($line in $result.StdOut -split '\r?\n' | Where-Object { $_ -match '^\w+=' }) { $name, $value = $line -split '=', 2; $report[$name] = $value }
        $report.strategy | Should -Be '0'
        [int] $report.trips | Should -BeGreaterOrEqual 2
        $report.trips | Should -Be $report.ends
        $report.used | Should -Be $report.size
        $report.gross | Should -Be $report.gateway
        $report.check | Should -Be 'Matches'
        $report.tag | Should -Be 'quickstart'
        $report.again | Should -Match ": 0 new of \d+ fills read, $($report.trips) round trips\."
        $report.native | Should -BeLike '*/Dependencies/runtimes/linux-*/native/libe_sqlite3.so'
        [int] $report.width | Should -BeLessOrEqual 80
        [int] $report.statswidth | Should -BeLessOrEqual 80
    }

    It 'keeps the default journal where PROJECTX_JOURNAL_DIR says (one file per gateway), and PROJECTX_JOURNAL_PATH wins over it' {
        $folder = Join-Path $TestDrive 'journals'
        $file = Join-Path $TestDrive 'one.db'
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModuleManifest'
Connect-ProjectX -Simulator
function Where-Journal { (Get-PxTradeJournal -Verbose 4>&1 | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] -and `$_.Message -like 'Journal *' }).Message -replace '^Journal (.*): \d+ new .*$', '`$1' }
'harness=' + (Where-Journal)
`$env:PROJECTX_JOURNAL_DIR = '$folder'
'dir=' + (Where-Journal)
`$env:PROJECTX_JOURNAL_PATH = '$file'
'path=' + (Where-Journal)
"@
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $out = $result.StdOut
        # Without a word from the test, a child pwsh writes to the harness's temp folder, never the user's.
        $out | Should -Match ('(?m)^harness=' + [regex]::Escape([IO.Path]::GetTempPath()) + '.*projectx-pester-userdata-.*journal-simulator\.projectx\.invalid\.db\s*$')
        $out | Should -Match ('(?m)^dir=' + [regex]::Escape((Join-Path $folder 'journal-simulator.projectx.invalid.db')) + '\s*$')
        $out | Should -Match ('(?m)^path=' + [regex]::Escape($file) + '\s*$')
        Join-Path $folder 'journal-simulator.projectx.invalid.db' | Should -Exist
        $file | Should -Exist
    }

    It 'exports CSV, and refuses -Since after -Until, a file that is not a journal and a newer journal with specific ErrorIds' {
        $journal = Join-Path $TestDrive 'errors.db'
        $notJournal = Join-Path $TestDrive 'notes.db'
        Set-Content -LiteralPath $notJournal -Value ('not a database ' * 20)
        $newer = Join-Path $TestDrive 'newer.db'
        $csv = Join-Path $TestDrive 'trades.csv'
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command @"
Import-Module '$script:ModuleManifest'
Connect-ProjectX -Simulator
New-PxOrder -Symbol MNQ -Side Buy -Size 1 -Tag ('pester-' + [guid]::NewGuid().ToString('n').Substring(0, 8)) -Wait -Confirm:`$false | Out-Null
New-PxOrder -Symbol MNQ -Side Sell -Size 1 -Wait -Confirm:`$false | Out-Null
`$file = Export-PxTradeJournal -Path '$journal' -OutFile '$csv' -Force
'rows=' + @(Import-Csv `$file.FullName).Count
'header=' + (Get-Content `$file.FullName -TotalCount 1)
try { Get-PxTradeJournal -Path '$journal' -Since (Get-Date) -Until (Get-Date).AddDays(-1) -ErrorAction Stop } catch { 'range=' + `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category }
try { Get-PxStatistics -Path '$notJournal' -ErrorAction Stop } catch { 'notjournal=' + `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category }
# A journal as a later release would leave it: the schema version (SQLite header, user_version at byte 60, big-endian) above this one's.
Get-PxTradeJournal -Path '$newer' -NoSync | Out-Null
`$bytes = [IO.File]::ReadAllBytes('$newer'); `$bytes[60] = 0; `$bytes[61] = 0; `$bytes[62] = 0; `$bytes[63] = 99; [IO.File]::WriteAllBytes('$newer', `$bytes)
`$hash = (Get-FileHash -LiteralPath '$newer').Hash
try { Get-PxTradeJournal -Path '$newer' -ErrorAction Stop } catch { 'newer=' + `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category + '|' + `$_.Exception.FileSchemaVersion }
'newerkept=' + ((Get-FileHash -LiteralPath '$newer').Hash -eq `$hash)
try { Export-PxTradeJournal -Path '$journal' -OutFile '$csv' -ErrorAction Stop } catch { 'exists=' + `$_.FullyQualifiedErrorId }
"@
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $out = $result.StdOut
        $out | Should -Match '(?m)^rows=[1-9]'
        $out | Should -Match '(?m)^header=Id,AccountId,TradingDay,Symbol,Contract,ContractId,Direction,Size'
        $out | Should -Match '(?m)^range=ProjectX\.InvalidDateRange,ProjectX\.PowerShell\.Commands\.GetPxTradeJournalCommand\|InvalidArgument'
        $out | Should -Match '(?m)^notjournal=ProjectX\.NotAJournal,ProjectX\.PowerShell\.Commands\.GetPxStatisticsCommand\|InvalidData'
        $out | Should -Match '(?m)^newer=ProjectX\.JournalTooNew,ProjectX\.PowerShell\.Commands\.GetPxTradeJournalCommand\|NotImplemented\|99'
        $out | Should -Match '(?m)^newerkept=True'
        $out | Should -Match '(?m)^exists=ProjectX\.FileExists,'
        (Get-Content -LiteralPath $notJournal -Raw) | Should -BeLike 'not a database*'
    }
}
