using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Security;
using ProjectX.Client;
using ProjectX.Client.Live;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Signs in to a ProjectX gateway (or the in-process simulator) and makes the session this runspace's default.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "ProjectX", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(PxConnection))]
public sealed class ConnectProjectXCommand : ProjectXAsyncCmdlet
{
    private const string EnvironmentSet = "Environment";
    private const string CredentialSet = "Credential";
    private const string ApiKeySet = "ApiKey";
    private const string SimulatorSet = "Simulator";

    private Runspace? _runspace;
    private PxConnection? _connection;
    // The Environment set's settings, read once on the pipeline thread; a secret's login is written into them.
    private ProjectXClientOptions? _environment;
    private string? _secretProblem;

    /// <summary>User name, with the API key as the password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = SimulatorSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = SimulatorSet)]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    /// <summary>The API key; a plain string is accepted and converted.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = SimulatorSet)]
    [SecureStringTransformation]
    public SecureString? ApiKey { get; set; }

    /// <summary>Connects to the in-process simulator (demo credentials unless given).</summary>
    [Parameter(Mandatory = true, ParameterSetName = SimulatorSet)]
    public SwitchParameter Simulator { get; set; }

    /// <summary>
    /// The SecretManagement secret with the credentials (a PSCredential, or a hashtable with UserName and ApiKey).
    /// Without it, the environment is read first, then the secret named ProjectX when Get-Secret is available.
    /// </summary>
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? SecretName { get; set; }

    /// <summary>The prop firm whose gateway to use (e.g. topstepx).</summary>
    [Parameter(ParameterSetName = EnvironmentSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = ApiKeySet)]
    [ArgumentCompleter(typeof(FirmCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Firm { get; set; }

    [Parameter(ParameterSetName = EnvironmentSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public Uri? ApiUrl { get; set; }

    [Parameter(ParameterSetName = EnvironmentSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public Uri? UserHubUrl { get; set; }

    [Parameter(ParameterSetName = EnvironmentSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public Uri? MarketHubUrl { get; set; }

    /// <summary>The default account, by name or id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Account { get; set; }

    /// <summary>Do not open the realtime hubs (REST only).</summary>
    [Parameter]
    public SwitchParameter NoRealtime { get; set; }

    /// <summary>Also write the connection to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Seconds to wait for the gateway to sign in and list the accounts before failing with ProjectX.Timeout.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>
    /// Realtime events buffered between the hubs and the live state (default 100,000). If the state ever falls this far
    /// behind, the oldest are dropped and the account is read again (a Gap event).
    /// </summary>
    [Parameter]
    [ValidateRange(1, 10_000_000)]
    public int EventQueueCapacity { get; set; } = 100_000;

    /// <summary>Leave the runspace's default connection as it is (use the new one through -Connection, with -PassThru).</summary>
    [Parameter]
    public SwitchParameter NotDefault { get; set; }

    /// <summary>
    /// Risk rules for the default account: a preset (Topstep50K, Topstep100K, Topstep150K) or the path of a JSON file.
    /// Every order is then checked before it is sent, and with realtime the guard watches the PnL (see about_ProjectX_Risk).
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(RiskPresetCompleter))]
    [ValidateNotNullOrEmpty]
    public string? RiskProfile { get; set; }

    protected override void BeginProcessing()
    {
        _runspace = Runspace.DefaultRunspace;
        base.BeginProcessing();
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        // Rules that cannot be read stop the command before it connects: no session is left trading unguarded.
        ProjectX.Client.Risk.RiskRules? riskRules = null;
        if (RiskProfile is not null)
        {
            try
            {
                var profile = RiskProfile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(RiskProfile) : RiskProfile;
                riskRules = RiskBinding.Profile(profile);
            }
            catch (ProjectXException invalid)
            {
                throw Terminate(ProjectXErrors.FromException(invalid, RiskProfile));
            }
        }

        var (options, ownedTransport) = BuildOptions();
        var client = new ProjectXClient(options);
        LiveProjection? live = null;
        try
        {
            await WithinTimeoutAsync(client.AuthenticateAsync, options, cancellationToken).ConfigureAwait(false);
            if (!NoRealtime.IsPresent)
            {
                // The engine reads the accounts once and selects the default account from what it read.
                live = await StartRealtimeAsync(client, options, cancellationToken).ConfigureAwait(false);
            }

            if (live is null)
            {
                await WithinTimeoutAsync(client.SelectDefaultAccountAsync, options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            ownedTransport?.Dispose();
            throw;
        }

        _connection = new PxConnection(client, options.ApiBaseUrl, Simulator.IsPresent, live, DateTimeOffset.UtcNow, ownedTransport);
        if (riskRules is not null)
        {
            if (client.DefaultAccount is not { } guarded)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                throw Terminate(ProjectXErrors.NoAccount());
            }

            RiskBinding.Apply(_connection, guarded.Id, riskRules, statePath: null);
            EmitVerbose($"Risk rules {riskRules} guard account {guarded.Name}.");
        }
        EmitVerbose($"Connected to {options.ApiBaseUrl.Host} as {client.UserName}; default account {client.DefaultAccount?.Name ?? "(none)"}; realtime {(live is null ? "off" : "on")}.");
    }

    /// <summary>
    /// A sign-in step within -TimeoutSec: a gateway that accepts but never answers (or one retried after each timeout)
    /// fails with ProjectX.Timeout instead of holding a scheduled job for minutes.
    /// </summary>
    private async Task WithinTimeoutAsync(Func<CancellationToken, Task> step, ProjectXClientOptions options, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(TimeoutSec));
        try
        {
            await step(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException timedOut) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Terminate(new ErrorRecord(
                new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{options.ApiBaseUrl.Host} did not sign in within {TimeoutSec} s (-TimeoutSec {TimeoutSec}). Check -ApiUrl or -Firm and the network, or allow more time with a larger -TimeoutSec."), timedOut),
                ProjectXErrors.TimeoutId,
                ErrorCategory.OperationTimeout,
                options.ApiBaseUrl));
        }
    }

    /// <summary>
    /// Starts the live engine for -Account (else the first account that can trade). A gateway whose hubs cannot be
    /// reached still trades over REST: the session continues without realtime (with a warning) rather than failing a
    /// scheduled job. A user with no account that can trade gets no realtime, as before, and no warning.
    /// </summary>
    private async Task<LiveProjection?> StartRealtimeAsync(ProjectXClient client, ProjectXClientOptions options, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RealtimeStartTimeout);
        try
        {
            return await LiveProjection.StartAsync(client, new LiveAccountOptions { Account = options.Account, EventQueueCapacity = EventQueueCapacity }, limit.Token).ConfigureAwait(false);
        }
        catch (ProjectXValidationException noAccount) when (noAccount.Reason == ValidationReason.NoAccount)
        {
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not (ProjectXAuthenticationException or ProjectXNotFoundException))
        {
            EmitWarning($"The realtime hubs could not be opened ({ex.GetBaseException().Message}); continuing over REST only. Events, live quotes and live PnL are unavailable on this connection.");
            return null;
        }
    }

    private static readonly TimeSpan RealtimeStartTimeout = TimeSpan.FromSeconds(15);

    protected override void EndProcessing()
    {
        if (ParameterSetName == EnvironmentSet)
        {
            ProjectXClientOptions environment;
            try
            {
                environment = ProjectXClientOptions.FromEnvironment();
            }
            catch (ProjectXValidationException invalid)
            {
                // A malformed PROJECTX_* value: the same ErrorId as any other bad argument, not a raw exception.
                ThrowTerminatingError(ProjectXErrors.FromException(invalid));
                return;
            }

            ReadSecret(environment);
            _environment = environment;
        }

        base.EndProcessing();
        if (_connection is null)
        {
            return;
        }

        if (_runspace is not null)
        {
            ConnectionRegistry.AddOpened(_runspace, _connection);
            if (!NotDefault.IsPresent)
            {
                // The previous default is not closed: a script may still hold it (-PassThru) for -Connection.
                ConnectionRegistry.SetDefault(_runspace, _connection);
            }
        }

        if (PassThru.IsPresent)
        {
            var output = PSObject.AsPSObject(_connection);
            output.TypeNames.Insert(0, PxConnection.PSTypeName);
            WriteObject(output);
        }
    }

    /// <summary>
    /// -SecretName is used as given; otherwise the ProjectX secret is a fallback for an environment without
    /// credentials. Get-Secret is a command, so this runs on the pipeline thread, before the async step.
    /// </summary>
    private void ReadSecret(ProjectXClientOptions environment)
    {
        var named = SecretName is not null;
        if (!named && environment is { UserName: { Length: > 0 }, ApiKey: { Length: > 0 } })
        {
            return;
        }

        if (!SecretCredential.IsAvailable(this))
        {
            if (named)
            {
                ThrowTerminatingError(ProjectXErrors.MissingCredentials(
                    "-SecretName needs Get-Secret: Install-Module Microsoft.PowerShell.SecretManagement (and a vault), or pass -Credential."));
            }

            return;
        }

        var secret = SecretCredential.Read(this, SecretName ?? SecretCredential.DefaultName, out var problem);
        if (problem is not null && named)
        {
            ThrowTerminatingError(problem);
        }

        if (secret is { } login)
        {
            (environment.UserName, environment.ApiKey) = login;
        }

        _secretProblem = problem?.Exception.Message;
    }

    private (ProjectXClientOptions Options, IDisposable? OwnedTransport) BuildOptions()
    {
        if (Simulator.IsPresent)
        {
            var simulatorOptions = new ProjectXClientOptions
            {
                UserName = Credential?.UserName ?? UserName ?? InProcessSimulator.DemoUserName,
                ApiKey = Credential?.GetNetworkCredential().Password ?? PlainKey() ?? InProcessSimulator.DemoApiKey,
                Account = Account,
            };
            InProcessSimulator.Configure(simulatorOptions);
            return (simulatorOptions, simulatorOptions.HttpMessageHandler);
        }

        var options = _environment ?? new ProjectXClientOptions();
        if (Firm is not null)
        {
            options.UseFirm(KnownFirm(Firm, "-Firm"));
        }
        else if (Environment.GetEnvironmentVariable(ProjectXClientOptions.FirmVariable) is { Length: > 0 } firmFromEnvironment && ParameterSetName == EnvironmentSet)
        {
            KnownFirm(firmFromEnvironment, ProjectXClientOptions.FirmVariable);
        }

        if (ApiUrl is not null && Firm is null)
        {
            // A self-hosted gateway (or the simulator process) serves its hubs beside its API unless told otherwise.
            options.UseGateway(ApiUrl);
        }

        options.ApiBaseUrl = ApiUrl ?? options.ApiBaseUrl;

        options.UserHubUrl = UserHubUrl ?? options.UserHubUrl;
        options.MarketHubUrl = MarketHubUrl ?? options.MarketHubUrl;
        options.Account = Account ?? options.Account;
        switch (ParameterSetName)
        {
            case CredentialSet:
                options.UserName = Credential!.UserName;
                options.ApiKey = Credential.GetNetworkCredential().Password;
                break;
            case ApiKeySet:
                options.UserName = UserName;
                options.ApiKey = PlainKey();
                break;
        }

        if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw Terminate(ProjectXErrors.MissingCredentials(
                $"No ProjectX credentials: pass -Credential, or -UserName and -ApiKey, set {ProjectXClientOptions.UserNameVariable} and {ProjectXClientOptions.ApiKeyVariable}, or store a '{SecretCredential.DefaultName}' secret with SecretManagement."
                + (_secretProblem is null ? "" : $" ({_secretProblem})")));
        }

        return (options, null);
    }

    /// <summary>
    /// Only the firms the module knows: another slug would resolve to an address that does not exist and fail only
    /// after the retries. A self-hosted or new gateway is reached with -ApiUrl.
    /// </summary>
    /// <param name="source">Where the firm came from, as the user wrote it: -Firm or PROJECTX_FIRM.</param>
    private static string KnownFirm(string firm, string source)
    {
        if (FirmPresets.KnownFirms.Contains(firm.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return firm;
        }

        throw Terminate(new ErrorRecord(
            new ArgumentException($"'{firm}' ({source}) is not a firm this module knows: use one of {string.Join(", ", FirmPresets.KnownFirms)}, or give the gateway's address with -ApiUrl. Nothing was sent."),
            ProjectXErrors.UnknownFirmId,
            ErrorCategory.InvalidArgument,
            firm));
    }

    private string? PlainKey() => ApiKey is null ? null : new NetworkCredential(string.Empty, ApiKey).Password;
}
