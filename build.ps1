#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the ProjectX module. A thin wrapper over `dotnet`.
.DESCRIPTION
    Build   - compiles everything and lays out the module users import at out/ProjectX.
    Test    - builds, then runs every test: the xunit projects (dotnet test) and the Pester suite in tests/Pester
              (real pwsh against the built module). Prints Pester's totals as "N passed, N failed" and fails if
              either runner fails. This is the README's test command and what .ci/run calls.
    Package - builds (Release unless -Configuration says otherwise) and writes the module's .nupkg (PSResourceGet's Compress-PSResource, the same file
              Publish-PSResource uploads) and the ProjectX.Client .nupkg/.snupkg (dotnet pack) to out/packages.
    Demo    - builds the module and runs examples/Quickstart.ps1 in a child pwsh against the in-process simulator.

    On a machine with only the .NET SDK, run it through the repository's pinned pwsh:
        dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = 'Build',

    # Default: Debug, except for Package, which builds Release unless told otherwise.
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Package: where the packages go (default out/packages).
    [string] $PackageOutput = (Join-Path $PSScriptRoot 'out/packages'),

    # Demo and Package: use what an earlier Build of this -Configuration laid out, instead of building again.
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot
$moduleDir = Join-Path $PSScriptRoot 'out/ProjectX'
# The Pester the build restores (PackageDownload in tests/ProjectX.PowerShell.Tests); one version, pinned there.
$pesterVersion = '6.2.0'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

<# The pwsh running this script, as a command line: under `dotnet pwsh` the process is dotnet itself. #>
function Get-PwshCommand {
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { [Environment]::ProcessPath, $pwshDll }
    else { , [Environment]::ProcessPath }
}

function Get-PesterManifest {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $packages.Trim() "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester $pesterVersion is not restored ($manifest). Run ./build.ps1 -Task Build first." }
    $manifest
}

function Invoke-PesterSuite {
    # A child pwsh: the suite imports the built module (and its load context) into a process of its own.
    $exe, $rest = Get-PwshCommand
    $runner = Join-Path $PSScriptRoot 'tests/Pester/Invoke-PesterSuite.ps1'
    & $exe @($rest) -NoProfile -NonInteractive -File $runner -PesterManifest (Get-PesterManifest) -Configuration $Configuration | Out-Host
    $LASTEXITCODE
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            Invoke-Dotnet build ProjectX.slnx -c $Configuration
        }
        'Test' {
            Invoke-Dotnet build ProjectX.slnx -c $Configuration
            # Both runners always run, so one failure does not hide the other's results.
            & dotnet test ProjectX.slnx -c $Configuration --no-build
            $xunitExit = $LASTEXITCODE
            $pesterExit = Invoke-PesterSuite
            if ($xunitExit -ne 0 -or $pesterExit -ne 0) {
                throw "Tests failed: dotnet test exited $xunitExit, Pester exited $pesterExit."
            }
        }
        'Package' {
            $packageConfiguration = if ($PSBoundParameters.ContainsKey('Configuration')) { $Configuration } else { 'Release' }
            $module = $moduleDir
            if (-not $NoBuild) {
                # Laid out in a folder of its own, so packaging never swaps the module under a running session.
                $module = Join-Path $PSScriptRoot "out/package/$packageConfiguration/ProjectX"
                Invoke-Dotnet build src/ProjectX.PowerShell -c $packageConfiguration "-p:ModuleOutputDir=$module/"
            }
            $packages = New-Item -ItemType Directory -Force -Path $PackageOutput
            Import-Module Microsoft.PowerShell.PSResourceGet
            # The same .nupkg that Publish-PSResource would upload to the Gallery.
            Compress-PSResource -Path $module -DestinationPath $packages.FullName
            Invoke-Dotnet pack src/ProjectX.Client -c $packageConfiguration --no-build -o $packages.FullName
            Get-ChildItem $packages.FullName -Filter *.*nupkg
        }
        'Demo' {
            if (-not $NoBuild) { Invoke-Dotnet build src/ProjectX.PowerShell -c $Configuration }
            # A child pwsh keeps the module's load context out of this session.
            $exe, $rest = Get-PwshCommand
            & $exe @($rest) -NoProfile -Command "Import-Module '$moduleDir/ProjectX.psd1'; & '$PSScriptRoot/examples/Quickstart.ps1'"
            if ($LASTEXITCODE -ne 0) { throw "The quickstart failed with exit code $LASTEXITCODE." }
        }
    }
}
