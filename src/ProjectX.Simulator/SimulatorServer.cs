using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ProjectX.Simulation;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Realtime;
using ProjectX.Simulator.Hubs;

namespace ProjectX.Simulator;

/// <summary>
/// The simulator on a real socket: Kestrel (127.0.0.1 unless told otherwise), every <c>/api/*</c> request handed to a
/// <see cref="SimulatedGateway"/>, the two hubs, and the fault-control endpoints when enabled. Used by <c>Program</c>
/// and by wire tests (port 0 = any free port).
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private SimulatorServer(WebApplication app, SimulatedGateway gateway, IReadOnlyList<Uri> urls)
    {
        _app = app;
        Gateway = gateway;
        Urls = urls;
        BaseUrl = urls[0];
    }

    /// <summary>REST base, e.g. <c>http://127.0.0.1:5000</c> (paths start with <c>/api/</c>): the first address listened on.</summary>
    public Uri BaseUrl { get; }
    /// <summary>Every address the server listens on.</summary>
    public IReadOnlyList<Uri> Urls { get; }
    /// <summary>The user hub (SignalR, JSON protocol; token as <c>?access_token=</c> or <c>Authorization: Bearer</c>).</summary>
    public Uri UserHubUrl => new(BaseUrl, "/hubs/user");
    /// <summary>The market hub (SignalR, JSON protocol; token as <c>?access_token=</c> or <c>Authorization: Bearer</c>).</summary>
    public Uri MarketHubUrl => new(BaseUrl, "/hubs/market");
    /// <summary>The fault-control endpoints' base, when <see cref="SimulatorOptions.FaultControl"/> is on; otherwise null.</summary>
    public Uri? FaultControlUrl => Gateway.Options.FaultControl ? new(BaseUrl, FaultControlEndpoint.Prefix + "/") : null;
    /// <summary>The hubs' logic: fault hooks (kill connections, stall the feed, revoke sessions) and the depth books.</summary>
    public RealtimeServer Realtime => Gateway.Realtime;
    public SimulatedGateway Gateway { get; }

    /// <summary>Starts on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public static Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, int port = 0, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, System.Net.IPEndPoint.MaxPort);
        return StartAsync(options, [new Uri($"http://127.0.0.1:{port}")], time, ct);
    }

    /// <summary>Starts on the given addresses, as ASP.NET's <c>--urls</c> takes them (<c>http://127.0.0.1:0</c> = any free port).</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options, IReadOnlyList<Uri> urls, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (urls.Count == 0) throw new ArgumentException("At least one URL is required.", nameof(urls));
        options ??= new SimulatorOptions();
        var gateway = new SimulatedGateway(options, time);
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            if (options.LoggerFactory is { } loggerFactory)
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
            }
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A failed start is thrown to the caller; the host need not log it as well.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            // SignalR logs every HubException a hub method throws (a refused subscription) as an Error with its stack
            // trace; HubBridge turns refusals into HubExceptions and logs anything unexpected itself, once, in one line.
            builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.WebHost.UseUrls([.. urls.Select(u => u.ToString())]);
            builder.Services.AddSingleton(gateway.Realtime);
            builder.Services.AddSignalR()
                .AddJsonProtocol(json => json.PayloadSerializerOptions = RealtimeServer.PayloadSerializerOptions);
            app = builder.Build();
            app.Map("/api/{**operation}", (HttpContext http) => GatewayEndpoint.HandleAsync(http, gateway));
            if (options.FaultControl) FaultControlEndpoint.Map(app, gateway);
            app.UseWebSockets();
            app.Use((http, next) => HubAuthentication.InvokeAsync(http, next, gateway));
            app.MapHub<UserHub>("/hubs/user");
            app.MapHub<MarketHub>("/hubs/market");
            await app.StartAsync(ct).ConfigureAwait(false);

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => new Uri(a))
                .ToList();
            return new SimulatorServer(app, gateway, addresses);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync().ConfigureAwait(false);
            gateway.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public Task StopAsync(CancellationToken ct = default) => _app.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            Gateway.Dispose();
        }
    }

    /// <summary>Sends the host's own logs (Kestrel, SignalR) where <see cref="SimulatorOptions.LoggerFactory"/> sends the engine's.</summary>
    private sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

        public void Dispose()
        {
            // The factory belongs to the caller.
        }
    }
}
