#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester/*.Tests.ps1) against the BUILT module in out/ProjectX, and prints the
    totals as "N passed, N failed". Exit code 0 when every test passed. build.ps1 -Task Test calls it.
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

    # Test files run side by side, each in a runspace of its own (0: one at a time). Most of the suite waits on child
    # processes and simulated markets, so a few files at once finish well before the same files one after another.
    [int] $Parallel = 4
)

$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterManifest -Force
$env:PROJECTX_TEST_CONFIGURATION = $Configuration

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
if ($Parallel -gt 0) {
    $config.Run.Parallel = $true
    $config.Run.ParallelThrottleLimit = $Parallel
}
$config.Output.Verbosity = 'Detailed'
$config.Output.StackTraceVerbosity = 'Filtered'
# CI logs and redirected output: no ANSI colour codes.
$config.Output.RenderMode = 'Plaintext'
if ($FullName) { $config.Filter.FullName = $FullName }
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $PSScriptRoot '../../out/TestResults/pester.xml'
New-Item -ItemType Directory -Force -Path (Split-Path $config.TestResult.OutputPath.Value) | Out-Null

$result = Invoke-Pester -Configuration $config
# The plain closing line CI reads, next to xunit's totals.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
'Pester: {0} passed, {1} failed' -f $result.PassedCount, $failed
exit ([int]($failed -gt 0 -or $result.PassedCount -eq 0))
