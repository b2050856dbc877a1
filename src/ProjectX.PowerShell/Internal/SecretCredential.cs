using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Security;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// Reads ProjectX credentials from SecretManagement's <c>Get-Secret</c> when that module (or any command of that
/// name) is available. The module is optional, so it is found and called by name, never referenced; this runs
/// on the pipeline thread, where invoking a command is legal. Neither the secret nor the key is ever put in a message.
/// </summary>
internal static class SecretCredential
{
    public const string DefaultName = "ProjectX";
    private const string GetSecret = "Get-Secret";

    public static bool IsAvailable(PSCmdlet cmdlet) =>
        cmdlet.InvokeCommand.GetCommand(GetSecret, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) is not null;

    /// <summary>The user name and API key in secret <paramref name="name"/>; an ErrorRecord says what is wrong otherwise.</summary>
    public static (string UserName, string ApiKey)? Read(PSCmdlet cmdlet, string name, out ErrorRecord? problem)
    {
        problem = null;
        object? secret;
        try
        {
            var results = cmdlet.InvokeCommand.InvokeScript(
                "param($name) Get-Secret -Name $name -ErrorAction Stop", useNewScope: true, PipelineResultTypes.None, input: null, name);
            secret = results.Count == 1 ? results[0]?.BaseObject : null;
        }
        catch (RuntimeException failure)
        {
            problem = ProjectXErrors.MissingCredentials($"{GetSecret} -Name '{name}' failed: {failure.Message}");
            return null;
        }

        var credential = secret switch
        {
            PSCredential psCredential => (psCredential.UserName, psCredential.GetNetworkCredential().Password),
            IDictionary table => (Text(table, "UserName"), Text(table, "ApiKey")),
            _ => ((string?)null, (string?)null),
        };
        if (string.IsNullOrWhiteSpace(credential.Item1) || string.IsNullOrWhiteSpace(credential.Item2))
        {
            problem = ProjectXErrors.MissingCredentials(
                $"Secret '{name}' is not a ProjectX credential: store a PSCredential (the user name, with the API key as the password), or a hashtable with UserName and ApiKey.");
            return null;
        }

        return (credential.Item1!, credential.Item2!);
    }

    private static string? Text(IDictionary table, string key)
    {
        var match = table.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k?.ToString(), key, StringComparison.OrdinalIgnoreCase));
        return (match is not null && table[match] is { } value ? PSObject.AsPSObject(value).BaseObject : null) switch
        {
            string text => text,
            SecureString secure => new NetworkCredential(string.Empty, secure).Password,
            _ => null,
        };
    }
}
