# Distribution as each ecosystem expects it: ./build.ps1 -Task Package writes the module .nupkg through PSResourceGet,
# which installs from a local repository and imports by name; and the ProjectX.Client .nupkg for dotnet add package.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $script:Root = Get-RepoRoot
    $script:Packages = Join-Path $TestDrive 'packages'
    # The module the suite's build laid out (CI: Debug; build.ps1 -Task Test built it): -NoBuild packages it as it is. A
    # user's ./build.ps1 -Task Package builds Release first, with the same build step as -Task Build.
    $script:Package = Invoke-TestPwsh -File (Join-Path $script:Root 'build.ps1') -ArgumentList '-Task', 'Package', '-NoBuild', '-Configuration', $env:PROJECTX_TEST_CONFIGURATION, '-PackageOutput', $script:Packages -TimeoutSeconds 900
}

Describe './build.ps1 -Task Package' {
    It 'writes the module and the SDK packages' {
        $script:Package.ExitCode | Should -Be 0 -Because "$($script:Package.StdOut)$($script:Package.StdErr)"
        Join-Path $script:Packages 'ProjectX.0.1.0.nupkg' | Should -Exist
        Join-Path $script:Packages 'ProjectX.Client.0.1.0.nupkg' | Should -Exist
        Join-Path $script:Packages 'ProjectX.Client.0.1.0.snupkg' | Should -Exist
    }

    It 'the module installs with PSResourceGet from a local repository, and imports by name' {
        # A home of its own: the repository registration and the install stay in the test drive.
        $userHome = New-Item -ItemType Directory (Join-Path $TestDrive 'user') | ForEach-Object FullName
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -WorkingDirectory $userHome -Environment @{ HOME = $userHome; XDG_DATA_HOME = (Join-Path $userHome '.local/share'); XDG_CONFIG_HOME = (Join-Path $userHome '.config') } -Command @"
Register-PSResourceRepository -Name ProjectXLocal -Uri '$script:Packages' -Trusted
Install-PSResource -Name ProjectX -Repository ProjectXLocal -Scope CurrentUser -Quiet
Import-Module ProjectX
'base=' + (Get-Module ProjectX).ModuleBase
'cmdlets=' + @(Get-Command -Module ProjectX).Count
Connect-ProjectX -Simulator
'account=' + (Get-PxAccount -Name PRAC-V2-DEMO-50K).AccountId
'help=' + (Get-Help Connect-ProjectX).Synopsis
"@
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $report = $result.StdOut -split '\r?\n' | Where-Object { $_ -match '^\w+=' }
        $report[0] | Should -BeLike "base=$userHome*ProjectX*" -Because $result.StdErr
        $report[1..3] | Should -Be 'cmdlets=23', 'account=1001', 'help=Signs in to a ProjectX gateway (or the in-process simulator) and makes the session this runspace''s default.'
    }

    It 'ProjectX.Client carries its README, licence expression, XML docs and symbols' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead((Join-Path $script:Packages 'ProjectX.Client.0.1.0.nupkg'))
        try {
            $entries = $zip.Entries.FullName
            $reader = [System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -EQ 'ProjectX.Client.nuspec').Open())
            [xml] $nuspec = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $entries | Should -Contain 'README.md'
        $entries | Should -Contain 'lib/net8.0/ProjectX.Client.dll'
        $entries | Should -Contain 'lib/net8.0/ProjectX.Client.xml'
        $metadata = $nuspec.package.metadata
        $metadata.readme | Should -Be 'README.md'
        $metadata.license.type | Should -Be 'expression'
        $metadata.license.'#text' | Should -Be 'MIT'
        @($metadata.dependencies.group.dependency.id) | Should -Contain 'Microsoft.AspNetCore.SignalR.Client'
        $symbols = [System.IO.Compression.ZipFile]::OpenRead((Join-Path $script:Packages 'ProjectX.Client.0.1.0.snupkg'))
        try { $symbols.Entries.FullName | Should -Contain 'lib/net8.0/ProjectX.Client.pdb' } finally { $symbols.Dispose() }
    }

    It 'ProjectX.Client installs with dotnet add package into a new project' {
        $app = Join-Path $TestDrive 'app'
        $null = New-Item -ItemType Directory $app
        Set-Content (Join-Path $app 'app.csproj') '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>'
        # dotnet add package restores: the package and its dependencies resolve for a project outside this repository.
        $add = & dotnet add (Join-Path $app 'app.csproj') package ProjectX.Client --version 0.1.0 --source $script:Packages 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($add -join "`n")
        (Get-Content -Raw (Join-Path $app 'app.csproj')) | Should -Match '<PackageReference Include="ProjectX.Client" Version="0.1.0" />'
        Join-Path $app 'obj/project.assets.json' | Should -Exist
        (Get-Content -Raw (Join-Path $app 'obj/project.assets.json')) | Should -Match '"ProjectX.Client/0.1.0"'
    }
}
