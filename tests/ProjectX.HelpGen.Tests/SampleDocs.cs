namespace ProjectX.HelpGen.Tests;

/// <summary>Small platyPS files, written the way platyPS 0.14 writes them.</summary>
internal static class SampleDocs
{
    public const string Cmdlet = """
        ---
        external help file: Sample.dll-Help.xml
        Module Name: Sample
        online version: https://example.com/Get-Widget
        schema: 2.0.0
        ---

        # Get-Widget

        ## SYNOPSIS
        Gets widgets
        by name.

        ## SYNTAX

        ### Name (Default)
        ```
        Get-Widget [[-Name] <String[]>] [<CommonParameters>]
        ```

        ### Id
        ```
        Get-Widget -Id <Int32[]> [<CommonParameters>]
        ```

        ## DESCRIPTION
        The **Get-Widget** cmdlet gets widgets.

        - First point.
        - Second point.

        ## EXAMPLES

        ### Example 1: Get every widget
        ```powershell
        Get-Widget
        ```

        Lists them all.

        ### Example 2: Get one by id
        ```powershell
        Get-Widget -Id 7
        ```

        ## PARAMETERS

        ### -Id
        Widget ids.

        ```yaml
        Type: Int32[]
        Parameter Sets: Id
        Aliases: WidgetId

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Name
        Widget names; wildcards allowed.

        ```yaml
        Type: String[]
        Parameter Sets: Name
        Aliases:

        Required: False
        Position: 0
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: True
        ```

        ### -Force
        Both sets, different metadata per set.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: Name
        Aliases:

        Required: False
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ```yaml
        Type: SwitchParameter
        Parameter Sets: Id
        Aliases:

        Required: True
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

        ## INPUTS

        ### System.Int32[]
        Ids by property name.

        ## OUTPUTS

        ### Sample.Widget

        ## NOTES
        Widgets are cached.

        ## RELATED LINKS

        [Set-Widget](Set-Widget.md)

        [Widget docs](https://example.com/widgets)
        """;

    public const string About = """
        # about_Widgets

        ## SHORT DESCRIPTION
        Explains `widgets`.

        ## LONG DESCRIPTION
        Widgets are small **things** that do a great many useful jobs for the people who use them every single day.

        ### Making widgets
        Run this:

        ```powershell
        Get-Widget -Name 'a*'
        ```

        - One
        - Two

        ## SEE ALSO
        - [Get-Widget](Get-Widget.md)
        - [Docs](https://example.com)
        """;
}
