#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the ProjectX module. A thin wrapper over `dotnet`.
.DESCRIPTION
    Build   - compiles everything and lays out the module users import at out/ProjectX.
    Test    - runs the whole test suite (the same command as the README and .ci/run).
    Package - builds Release and writes a Gallery-ready package of out/ProjectX to out/packages.
    Demo    - runs examples/Quickstart.ps1 in this pwsh session against the in-process simulator.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot
$moduleDir = Join-Path $PSScriptRoot 'out/ProjectX'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            Invoke-Dotnet build ProjectX.slnx -c $Configuration
        }
        'Test' {
            Invoke-Dotnet test ProjectX.slnx -c $Configuration
        }
        'Package' {
            Invoke-Dotnet build src/ProjectX.PowerShell -c Release
            $packages = New-Item -ItemType Directory -Force -Path (Join-Path $PSScriptRoot 'out/packages')
            if (Get-Command Compress-PSResource -ErrorAction SilentlyContinue) {
                # PSResourceGet writes the same .nupkg that Publish-PSResource would upload to the Gallery.
                Compress-PSResource -Path $moduleDir -DestinationPath $packages.FullName
            }
            else {
                $version = (Import-PowerShellDataFile (Join-Path $moduleDir 'ProjectX.psd1')).ModuleVersion
                Compress-Archive -Path $moduleDir -DestinationPath (Join-Path $packages "ProjectX-$version.zip") -Force
                Write-Warning 'Microsoft.PowerShell.PSResourceGet is not installed: wrote a zip of the module folder instead of a .nupkg.'
            }
            Get-ChildItem $packages
        }
        'Demo' {
            Invoke-Dotnet build src/ProjectX.PowerShell -c $Configuration
            # A child pwsh keeps the module's load context out of this session.
            & (Get-Process -Id $PID).Path -NoProfile -Command "Import-Module '$moduleDir/ProjectX.psd1'; & '$PSScriptRoot/examples/Quickstart.ps1'"
            if ($LASTEXITCODE -ne 0) { throw "The quickstart failed with exit code $LASTEXITCODE." }
        }
    }
}
