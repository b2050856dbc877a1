using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the trading accounts of the connected user (active ones unless -All).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxAccount", DefaultParameterSetName = NameSet)]
[OutputType(typeof(PxAccount))]
public sealed class GetPxAccountCommand : ProjectXConnectionCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    private IReadOnlyList<TradingAccountModel>? _accounts;

    /// <summary>Account names; wildcards allowed. A name without wildcards that matches nothing is an error.</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("AccountId")]
    public int[] Id { get; set; } = [];

    /// <summary>Include inactive accounts.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // One Account/search per invocation, however many ids arrive from the pipeline.
        _accounts ??= await Client.GetAccountsAsync(onlyActive: !All.IsPresent, cancellationToken).ConfigureAwait(false);
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                EmitMatches(_accounts.Where(a => a.Id == id).ToList(), id.ToString(CultureInfo.InvariantCulture), mustMatch: true);
            }
        }
        else if (Name is null)
        {
            EmitMatches(_accounts, "*", mustMatch: false);
        }
        else
        {
            foreach (var name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                EmitMatches(
                    _accounts.Where(a => pattern.IsMatch(a.Name)).ToList(),
                    name,
                    mustMatch: !WildcardPattern.ContainsWildcardCharacters(name));
            }
        }
    }

    private void EmitMatches(IReadOnlyList<TradingAccountModel> matches, string query, bool mustMatch)
    {
        if (matches.Count == 0 && mustMatch)
        {
            var notFound = new ProjectXNotFoundException($"No {(All.IsPresent ? "" : "active ")}account matches '{query}'.", "Account", query);
            EmitError(ProjectXErrors.FromException(notFound, query));
            return;
        }

        foreach (var account in matches)
        {
            Emit(PxAccount.From(account), PxAccount.PSTypeName);
        }
    }
}
