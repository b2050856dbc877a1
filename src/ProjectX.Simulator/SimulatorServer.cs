using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ProjectX.Simulation;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Realtime;
using ProjectX.Simulator.Hubs;

namespace ProjectX.Simulator;

/// <summary>
/// The simulator on a real socket: Kestrel on 127.0.0.1 only, every <c>/api/*</c> request handed to a
/// <see cref="SimulatedGateway"/>. Used by <c>Program</c> and by wire tests (port 0 = any free port).
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private SimulatorServer(WebApplication app, SimulatedGateway gateway, Uri baseUrl)
    {
        _app = app;
        Gateway = gateway;
        BaseUrl = baseUrl;
    }

    /// <summary>REST base, e.g. <c>http://127.0.0.1:5000</c> (paths start with <c>/api/</c>).</summary>
    public Uri BaseUrl { get; }
    /// <summary>The user hub (SignalR, JSON protocol; token as <c>?access_token=</c> or <c>Authorization: Bearer</c>).</summary>
    public Uri UserHubUrl => new(BaseUrl, "/hubs/user");
    /// <summary>The market hub (SignalR, JSON protocol; token as <c>?access_token=</c> or <c>Authorization: Bearer</c>).</summary>
    public Uri MarketHubUrl => new(BaseUrl, "/hubs/market");
    /// <summary>The hubs' logic: fault hooks (kill connections, stall the feed, revoke sessions) and the depth books.</summary>
    public RealtimeServer Realtime => Gateway.Realtime;
    public SimulatedGateway Gateway { get; }

    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, int port = 0, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var gateway = new SimulatedGateway(options, time);
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A failed start is thrown to the caller; the host need not log it as well.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            builder.Services.AddSingleton(gateway.Realtime);
            builder.Services.AddSignalR()
                .AddJsonProtocol(json => json.PayloadSerializerOptions = RealtimeServer.PayloadSerializerOptions);
            app = builder.Build();
            app.Map("/api/{**operation}", (HttpContext http) => GatewayEndpoint.HandleAsync(http, gateway));
            app.UseWebSockets();
            app.Use((http, next) => HubAuthentication.InvokeAsync(http, next, gateway));
            app.MapHub<UserHub>("/hubs/user");
            app.MapHub<MarketHub>("/hubs/market");
            await app.StartAsync(ct).ConfigureAwait(false);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SimulatorServer(app, gateway, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)));
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
}
