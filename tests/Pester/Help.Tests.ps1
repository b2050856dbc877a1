# Get-Help for every cmdlet and about topic of the built module, as a pwsh user reads it: the MAML and about files the
# build generated from docs/en-US, in plain text, with an online link.
BeforeDiscovery {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $manifest = Import-PowerShellDataFile (Join-Path (Get-RepoRoot) 'ProjectX.psd1')
    $cmdlets = $manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } }
    $topics = Get-ChildItem (Join-Path (Get-RepoRoot) 'docs/en-US') -Filter 'about_*.md' | ForEach-Object { @{ Name = $_.BaseName } }
}

BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    $script:Docs = Join-Path (Get-RepoRoot) 'docs/en-US'
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $doc = Get-Content -LiteralPath (Join-Path $script:Docs "$Name.md")
        $synopsis = ($doc[($doc.IndexOf('## SYNOPSIS') + 1)..($doc.IndexOf('## SYNTAX') - 1)] -join ' ').Trim()
        # Everything Get-Help shows as prose (not the example code, where a backtick is PowerShell's line continuation).
        $prose = @($help.Synopsis) + @($help.description.Text) + @($help.parameters.parameter.description.Text) +
            @($help.alertSet.alert.Text) + @($help.examples.example.remarks.Text) + @($help.returnValues.returnValue.description.Text)
    }

    It 'shows the doc''s synopsis, a description and at least one example' {
        $help.Synopsis | Should -Be $synopsis
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        $help.examples.example | ForEach-Object { $_.code | Should -Not -BeNullOrEmpty }
    }

    It 'documents every parameter, with a description' {
        $command = Get-Command $Name
        $expected = @($command.Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters })
        @($help.parameters.parameter.name | Sort-Object) | Should -Be @($expected | Sort-Object)
        foreach ($parameter in $help.parameters.parameter) { ($parameter.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) needs a description" }
        (Get-Help $Name -Parameter $expected[0]).name | Should -Be $expected[0]
    }

    It 'is plain text: no ** or backticks' {
        $prose | Where-Object { $_ -match '\*\*|`' } | Should -BeNullOrEmpty
        (Get-Help $Name -Full | Out-String -Width 80) | Should -Not -Match '\*\*'
    }

    It 'has an online link (Get-Help -Online)' {
        $uri = @($help.relatedLinks.navigationLink.uri | Where-Object { $_ })[0]
        $uri | Should -Be "https://github.com/projectx-powershell/ProjectX/blob/main/docs/en-US/$Name.md"
    }
}

Describe 'Get-Help <Name>' -ForEach $topics {
    It 'finds the about topic, in plain text' {
        $text = Get-Help $Name | Out-String
        $lines = Get-Content -LiteralPath (Join-Path $script:Docs "$Name.md")
        $short = $lines[$lines.IndexOf('## SHORT DESCRIPTION') + 1].Trim()
        ($text -replace '\s+', ' ') | Should -BeLike "*TOPIC $Name SHORT DESCRIPTION*"
        ($text -replace '\s+', ' ') | Should -BeLike "*$([WildcardPattern]::Escape(($short -replace '`', '')))*"
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Not -Match '\*\*'
    }
}
