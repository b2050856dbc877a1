# The main job, examples/Quickstart.ps1, as ./build.ps1 -Task Demo runs it and inside an existing session, and the
# README's tour and commands. Each runs in a child pwsh with the in-process simulator.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $script:Root = Get-RepoRoot
    $script:ModuleManifest = Get-ModuleManifestPath
}

Describe 'examples/Quickstart.ps1' {
    # -NoBuild: build.ps1 -Task Test has just built the module (the step -Task Demo runs first on its own).
    It 'is what ./build.ps1 -Task Demo runs in real pwsh: accounts, MNQ, bars, a bracket, the fill as an event, PnL, close, fills' {
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -File (Join-Path $script:Root 'build.ps1') -ArgumentList '-Task', 'Demo', '-NoBuild', '-Configuration', $env:PROJECTX_TEST_CONFIGURATION
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdErr | Should -BeNullOrEmpty
        # The build's own lines come first; the quickstart starts at section 1.
        $out = $result.StdOut.Substring($result.StdOut.IndexOf('== 1.'))
        ([regex]::Matches($out, '(?m)^== (\d)\.') | ForEach-Object { $_.Groups[1].Value }) -join '' | Should -Be '123456789'
        $out.TrimEnd() | Should -BeLike '*== Done.'
        $out | Should -Match 'PRAC-V2-DEMO-50K'
        $out | Should -Match 'MNQ\s+MNQ\w\d\s+CON\.F\.US\.MNQ\.\w+\s+0\.25\s+0\.50'
        $out | Should -Match 'Bars: MNQ 5min'
        $out | Should -Match '\d+\s+MNQ\w\d\s+Buy\s+1\s+Market\s+Filled\s+1 @ \d+\.\d\d'
        # The fill as the event delivered it, then the entry and the exit among the day's fills.
        $out | Should -Match '(?s)== 6\..*MNQ\w\d\s+Buy\s+1\s+\d+\.\d\d.*== 7\.'
        $out | Should -Match '(?s)== 9\..*MNQ\w\d\s+Buy\s+1\s.*MNQ\w\d\s+Sell\s+1\s'
        foreach ($line in $out -split '\r?\n') { $line.Length | Should -BeLessOrEqual 120 }
    }

    It 'inside an existing session: keeps its connection, leaves no job or subscription, cancels no order it did not place' {
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command @"
Import-Module '$script:ModuleManifest'
Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
`$mine = New-PxOrder MNQ Buy 1 -LimitPrice 1000 -Account PRAC-V2-DEMO-50K -Confirm:`$false
& '$script:Root/examples/Quickstart.ps1' | Out-Null
& '$script:Root/examples/Quickstart.ps1' | Out-Null
'account=' + (Get-PxConnection).Account
'jobs=' + @(Get-Job).Count
'subscribers=' + @(Get-EventSubscriber).Count
'events=' + @(Get-Event).Count
'mine=' + (Get-PxOrder -Id `$mine.OrderId -Account PRAC-V2-DEMO-50K).Status
"@
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdErr | Should -BeNullOrEmpty
        $result.StdOut -split '\r?\n' | Where-Object { $_ -match '^\w+=' } | Should -Be 'account=PRAC-V2-DEMO-150K', 'jobs=0', 'subscribers=0', 'events=0', 'mine=Open'
    }
}

Describe 'The README' {
    It 'the 30-second tour runs as written, in real pwsh' {
        $readme = Get-Content -Raw (Join-Path $script:Root 'README.md')
        $tour = [regex]::Match($readme, '## A 30-second tour\s+```powershell\n(?<code>.*?)```', 'Singleline')
        $tour.Success | Should -BeTrue
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command "Import-Module '$script:ModuleManifest'`n$($tour.Groups['code'].Value)"
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdErr | Should -BeNullOrEmpty
        $result.StdOut | Should -Match 'Filled: Trade \d+ Buy 1 MNQ\w+ @'
        $result.StdOut | Should -Match 'Filled: Trade \d+ Sell 1 MNQ\w+ @'
    }

    It 'names the two commands exactly, and every example it names exists' {
        $readme = Get-Content -Raw (Join-Path $script:Root 'README.md')
        $readme | Should -BeLike '*dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo*'
        $readme | Should -BeLike '*dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test*'
        (Get-Content -Raw (Join-Path $script:Root '.ci/run')) | Should -BeLike '*dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test*'
        foreach ($script in [regex]::Matches($readme, 'examples/\w+\.ps1').Value) { Join-Path $script:Root $script | Should -Exist }
    }
}
