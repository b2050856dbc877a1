#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester/*.Tests.ps1) against the BUILT module in out/ProjectX, and prints the
    totals as "N passed, N failed". Exit code 0 when every test passed. build.ps1 -Task Test calls it.
.DESCRIPTION
    Test files run side by side in child pwsh processes, each taking a share of the files one after another. Not in
    runspaces of one process: a runspace pool shares one format table, and importing a module with format data in
    one runspace while another renders or imports races inside PowerShell ("Collection was modified", views that
    vanish for a moment). Processes are what users run anyway.
#>
[CmdletBinding()]
param(
    # Pester.psd1 as restored by the build (~/.nuget/packages/pester/<version>/tools/Pester.psd1).
    [Parameter(Mandatory)]
    [string] $PesterManifest,

    # The configuration whose simulator and module the tests use.
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Only these test files (default: all of tests/Pester).
    [string[]] $Path = $PSScriptRoot,

    # Only the tests whose full name matches one of these wildcard patterns.
    [string[]] $FullName,

    # Processes running test files side by side (0 or 1: every file in this process, one after another). Most of the
    # suite waits on child processes and simulated markets, so a few files at once finish well before one at a time.
    [int] $Parallel = 4,

    # Where this run writes its NUnit XML (a worker process is given its own).
    [string] $ResultPath = (Join-Path $PSScriptRoot '../../out/TestResults/pester.xml'),

    # A worker's share of the files, separated by ';' (pwsh -File cannot pass an array).
    [string] $Share
)

$ErrorActionPreference = 'Stop'
if ($Share) { $Path = $Share -split ';' }
# Also what keeps the journal and the risk guard's state out of the user's data folder for this process and the
# workers it starts, as it does for each test file that imports it.
Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
$files = @(Get-ChildItem -Path $Path -Filter *.Tests.ps1 -Recurse -File | Sort-Object Length -Descending)
New-Item -ItemType Directory -Force -Path (Split-Path $ResultPath) | Out-Null

if ($Parallel -gt 1 -and $files.Count -gt 1) {
    $pwsh = @(Get-PwshCommand)
    # Largest files first, each to the least loaded worker: the shares finish at about the same time.
    $shares = @(1..([Math]::Min($Parallel, $files.Count)) | ForEach-Object { [pscustomobject]@{ Files = [Collections.Generic.List[string]]::new(); Size = 0L } })
    foreach ($file in $files) {
        $lightest = $shares | Sort-Object Size | Select-Object -First 1
        $lightest.Files.Add($file.FullName)
        $lightest.Size += $file.Length
    }
    $workers = for ($i = 0; $i -lt $shares.Count; $i++) {
        $log = Join-Path (Split-Path $ResultPath) "pester-worker-$i.log"
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath,
            '-PesterManifest', $PesterManifest, '-Configuration', $Configuration, '-Parallel', '0',
            '-ResultPath', (Join-Path (Split-Path $ResultPath) "pester-worker-$i.xml"), '-Share', ($shares[$i].Files -join ';'))
        if ($FullName) { $arguments += @('-FullName', ($FullName -join ',')) }
        [pscustomobject]@{
            Log     = $log
            Process = Start-Process -FilePath $pwsh[0] -ArgumentList ($arguments | ForEach-Object { if ($_ -match '\s') { '"{0}"' -f $_ } else { $_ } }) -RedirectStandardOutput $log -RedirectStandardError "$log.err" -NoNewWindow -PassThru
        }
    }
    $passed = 0; $failed = 0
    foreach ($worker in $workers) {
        $worker.Process.WaitForExit()
        $lines = @(Get-Content $worker.Log) + @(Get-Content "$($worker.Log).err")
        $lines | Where-Object { $_ -notmatch '^Pester: ' } | Write-Output
        $totals = $lines | Where-Object { $_ -match '^Pester: (\d+) passed, (\d+) failed$' } | Select-Object -Last 1
        if ($totals -match '^Pester: (\d+) passed, (\d+) failed$') {
            $passed += [int]$Matches[1]; $failed += [int]$Matches[2]
        }
        else {
            # A worker that died without its totals counts as a failure, never as a pass.
            $failed++
            "A Pester worker exited with code $($worker.Process.ExitCode) without its totals."
        }
    }
    # The plain closing line CI reads, next to xunit's totals.
    'Pester: {0} passed, {1} failed' -f $passed, $failed
    exit ([int]($failed -gt 0 -or $passed -eq 0))
}

Import-Module -Name $PesterManifest -Force
$env:PROJECTX_TEST_CONFIGURATION = $Configuration
$config = New-PesterConfiguration
$config.Run.Path = [string[]]$files.FullName
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.StackTraceVerbosity = 'Filtered'
# CI logs and redirected output: no ANSI colour codes.
$config.Output.RenderMode = 'Plaintext'
if ($FullName) { $config.Filter.FullName = $FullName }
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath

$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
'Pester: {0} passed, {1} failed' -f $result.PassedCount, $failed
exit ([int]($failed -gt 0 -or $result.PassedCount -eq 0))
