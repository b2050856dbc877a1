// Node's @microsoft/signalr client on the same market-hub stream as the .NET benchmark clients
// (bench/ProjectX.BenchClients), run by bench/ProjectX.Benchmarks:
//   node market-client.mjs feed    --api URL [--market URL] --contract ID [--warmup N] [--messages N]
//   node market-client.mjs latency --api URL [--market URL] --contract ID [--seconds S] [--warmup-seconds S]
// Handlers count GatewayQuote, GatewayTrade and GatewayDepth; latency is the age of each depth message's first row.
// The last line of stdout is RESULT {json}, like the .NET clients.
import * as signalR from "@microsoft/signalr";
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    api: { type: "string" },
    market: { type: "string" },
    contract: { type: "string" },
    warmup: { type: "string", default: "300000" },
    messages: { type: "string", default: "2000000" },
    seconds: { type: "string", default: "10" },
    "warmup-seconds": { type: "string", default: "3" },
  },
});
const mode = positionals[0];
if (!["feed", "latency"].includes(mode) || !values.api || !values.contract) {
  console.error("usage: node market-client.mjs feed|latency --api URL [--market URL] --contract ID [options]");
  process.exit(2);
}
const api = values.api.replace(/\/$/, "");
const market = values.market ?? `${api}/hubs/market`;

const login = await fetch(`${api}/api/Auth/loginKey`, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ userName: "demo", apiKey: "demo-api-key" }),
});
const { token } = await login.json();

const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${market}?access_token=${encodeURIComponent(token)}`, {
    skipNegotiation: true,
    transport: signalR.HttpTransportType.WebSockets,
  })
  .configureLogging(signalR.LogLevel.Warning)
  .build();

let messages = 0;
let recording = false;
const latencies = []; // microseconds
const nowMicros = () => (performance.timeOrigin + performance.now()) * 1000;

// "2026-12-04T17:18:52.1234567+00:00" -> microseconds since the epoch (Date.parse keeps only milliseconds).
function micros(timestamp) {
  const millis = Date.parse(timestamp);
  const fraction = /\.(\d+)/.exec(timestamp);
  const extra = fraction && fraction[1].length > 3 ? Number((fraction[1].slice(3) + "000").slice(0, 3)) : 0;
  return millis * 1000 + extra;
}

connection.on("GatewayQuote", () => { messages++; });
connection.on("GatewayTrade", () => { messages++; });
connection.on("GatewayDepth", (_, rows) => {
  messages++;
  if (recording && rows.length > 0) latencies.push(nowMicros() - micros(rows[0].timestamp));
});

await connection.start();
for (const method of ["SubscribeContractQuotes", "SubscribeContractTrades", "SubscribeContractMarketDepth"])
  await connection.invoke(method, values.contract);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const usage = () => ({ wall: performance.now() / 1000, cpu: process.cpuUsage() });
const used = (a, b) => ({ seconds: b.wall - a.wall, cpuSeconds: (b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1e6 });

let result;
if (mode === "feed") {
  const warmup = Number(values.warmup);
  const wanted = Number(values.messages);
  // setImmediate polling would compete with the socket; a 1 ms timer is under 0.1 % of a multi-second run.
  while (messages < warmup) await sleep(1);
  const start = usage();
  while (messages < warmup + wanted) await sleep(1);
  result = { client: "node", units: wanted, dropped: 0, ...used(start, usage()) };
} else {
  await sleep(Number(values["warmup-seconds"]) * 1000);
  const before = messages;
  const start = usage();
  recording = true;
  await sleep(Number(values.seconds) * 1000);
  recording = false;
  const sorted = Float64Array.from(latencies).sort();
  const at = (p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000);
  result = {
    client: "node",
    units: messages - before,
    dropped: 0,
    measuredAt: "@microsoft/signalr handler",
    ...used(start, usage()),
    latency: { samples: sorted.length, overflow: 0, p50Ms: at(0.5), p99Ms: at(0.99), p999Ms: at(0.999), maxMs: sorted.length ? sorted[sorted.length - 1] / 1000 : NaN },
  };
}
result.signalr = (await import("@microsoft/signalr/package.json", { with: { type: "json" } })).default.version;
console.log("RESULT " + JSON.stringify(result));
await connection.stop();
process.exit(0);
