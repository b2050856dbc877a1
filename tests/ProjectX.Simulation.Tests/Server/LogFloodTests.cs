using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace ProjectX.Simulation.Tests.Server;

/// <summary>Issue 12, defect 15: an oversized body or a refused hub subscription logged a full stack trace each time.</summary>
public sealed class LogFloodTests : IAsyncLifetime
{
    private readonly CapturingProvider _logs = new();
    private ILoggerFactory _loggerFactory = null!;
    private LoopbackSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _sim = await LoopbackSimulator.StartAsync(new SimulatorOptions { LoggerFactory = _loggerFactory });
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        _loggerFactory.Dispose();
    }

    [Fact]
    public async Task Oversized_bodies_malformed_json_and_refused_subscriptions_log_no_stack_traces()
    {
        // Larger than Kestrel's own 30 MB limit, with and without a Content-Length.
        var huge = new byte[31 * 1024 * 1024];
        huge.AsSpan().Fill((byte)' ');
        for (var i = 0; i < 3; i++)
        {
            await SendIgnoringResetAsync(new ByteArrayContent(huge));
            await SendIgnoringResetAsync(new StreamContent(new MemoryStream(huge)) { Headers = { ContentLength = null } });
            var malformed = await _sim.PostAsync("/api/Order/place", "{\"side\":");
            Assert.Equal(400, (int)malformed.StatusCode);
        }
        await using var hub = new HubConnectionBuilder()
            .WithUrl(_sim.Server.UserHubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(_sim.Token))
            .Build();
        await hub.StartAsync();
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribeOrders", 2001)); // trader2's account

        Assert.Empty(_logs.WithExceptions);
    }

    private async Task SendIgnoringResetAsync(HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _sim.Http.PostAsync(new Uri("/api/Order/place", UriKind.Relative), content);
            Assert.Equal(413, (int)response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while a large body is still being sent: that is fine too.
        }
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _withExceptions = new();

        public IReadOnlyList<string> WithExceptions => [.. _withExceptions];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _withExceptions);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> withExceptions) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (exception is not null) withExceptions.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
