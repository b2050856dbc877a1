# The built module as pwsh imports it: the manifest, the exported cmdlets, their parameter sets and the layout.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $script:ModuleManifest = Get-ModuleManifestPath
    Import-Module $script:ModuleManifest
    $script:ModuleDir = Split-Path $script:ModuleManifest
    $script:Expected = @(
        'Add-PxIndicator', 'Close-PxPosition', 'Connect-ProjectX', 'Disconnect-ProjectX', 'Get-PxAccount', 'Get-PxBar', 'Get-PxConnection', 'Get-PxInstrument',
        'Get-PxOrder', 'Get-PxOrderBook', 'Get-PxPortfolio', 'Get-PxPosition', 'Get-PxQuote', 'Get-PxSession', 'Get-PxTrade', 'New-PxOrder', 'Register-PxEvent',
        'Set-PxOrder', 'Start-PxDataFeed', 'Stop-PxDataFeed', 'Stop-PxOrder', 'Test-PxMarketOpen', 'Wait-PxOrder', 'Watch-PxQuote', 'Get-PxTradeJournal', 'Get-PxStatistics', 'Export-PxTradeJournal', 'Get-PxRiskStatus', 'Set-PxRiskRule', 'Unlock-PxRisk', 'Get-PxPositionSize', 'Set-PxPositionProtection') | Sort-Object
}

Describe 'The built module' {
    It 'exports exactly the manifest cmdlets, at the manifest version' {
        @(Get-Command -Module ProjectX | ForEach-Object Name | Sort-Object) | Should -Be $script:Expected
        (Get-Module ProjectX).Version | Should -Be '0.1.0'
    }

    It 'has a valid manifest with the Gallery metadata' {
        $manifest = Test-ModuleManifest -Path $script:ModuleManifest
        $manifest.PowerShellVersion | Should -Be '7.4'
        $manifest.CompatiblePSEditions | Should -Be 'Core'
        $manifest.ProjectUri.AbsoluteUri | Should -Be 'https://github.com/projectx-powershell/ProjectX'
        $manifest.LicenseUri.AbsoluteUri | Should -BeLike '*/LICENSE'
        $manifest.ReleaseNotes | Should -BeLike '*Connect-ProjectX*'
        $manifest.Tags | Should -Contain 'TopstepX'
        $manifest.ExportedAliases.Count | Should -Be 0
        Join-Path $script:ModuleDir 'LICENSE' | Should -Exist
    }

    It 'keeps only the cmdlet assembly at the root and every dependency under Dependencies/' {
        @(Get-ChildItem $script:ModuleDir -Filter *.dll | ForEach-Object Name) | Should -Be 'ProjectX.PowerShell.dll'
        $dependencies = @(Get-ChildItem (Join-Path $script:ModuleDir 'Dependencies') -Filter *.dll | ForEach-Object Name)
        foreach ($name in 'ProjectX.Client.dll', 'ProjectX.Simulation.dll', 'Microsoft.AspNetCore.SignalR.Client.dll', 'Microsoft.Extensions.Logging.Abstractions.dll', 'Polly.Core.dll') {
            $dependencies | Should -Contain $name
        }
        # pwsh supplies System.Management.Automation; a private copy would break the module.
        $dependencies | Should -Not -Contain 'System.Management.Automation.dll'
        $dependencies | Should -Not -Contain 'ProjectX.PowerShell.dll'
    }

    It 'offers Connect-ProjectX four parameter sets with Environment as the default' {
        $command = Get-Command Connect-ProjectX
        $command.DefaultParameterSet | Should -Be 'Environment'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be 'ApiKey', 'Credential', 'Environment', 'Simulator'
    }

    It '<Name> takes -Connection' -ForEach @(
        'Close-PxPosition', 'Disconnect-ProjectX', 'Get-PxAccount', 'Get-PxBar', 'Get-PxConnection', 'Get-PxInstrument',
        'Get-PxOrder', 'Get-PxOrderBook', 'Get-PxPortfolio', 'Get-PxPosition', 'Get-PxPositionSize', 'Get-PxQuote', 'Get-PxTrade', 'New-PxOrder', 'Register-PxEvent',
        'Set-PxOrder', 'Set-PxPositionProtection', 'Start-PxDataFeed', 'Stop-PxDataFeed', 'Stop-PxOrder', 'Wait-PxOrder', 'Watch-PxQuote' | ForEach-Object { @{ Name = $_ } }) {
        (Get-Command $Name).Parameters['Connection'].ParameterType.FullName | Should -Be 'ProjectX.PowerShell.Models.PxConnection'
    }
}
