// Generates reference-vectors.json: indicator values computed by TA-Lib (the C library, through the npm
// package "talib", a native Node binding that compiles TA-Lib's own C source) over a fixed, deterministic
// series of MNQ-like 5-minute bars. Indicators TA-Lib lacks (VWAP, Keltner Channels, SuperTrend) are computed
// here by a plain textbook loop, from TA-Lib's EMA and ATR where they are built on them.
//
// Run outside the repo:  cd /tmp/ta && npm init -y && npm install talib@1.1.6 && node <this file> > reference-vectors.json
// Nothing here reads the C# implementation: the two agree only if both follow TA-Lib's definitions.
'use strict';
const talib = require('talib');
const talibPkg = require('talib/package.json');

// ---- Deterministic bars: a random walk on the 0.25 tick grid (exact in binary floating point). ----
function mulberry32(seed) {
  return function () {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20261123);
const tick = 0.25;
const bars = [];
let t = Date.UTC(2026, 10, 23, 0, 0, 0); // Monday 2026-11-23 00:00 UTC (CST, UTC-6): the Monday trade date
let last = 21000;
while (bars.length < 600) {
  const hour = new Date(t).getUTCHours();
  if (hour !== 22) { // 16:00-17:00 CT daily break: no bars
    const quiet = rnd() < 0.03;
    if (quiet && bars.length > 0) {
      bars.push({ t, o: last, h: last, l: last, c: last, v: 0 }); // an empty bar carries the close
    } else {
      const drift = rnd() < 0.5 ? -1 : 1;
      const o = last + tick * Math.round((rnd() - 0.5) * 4);
      let c = o + drift * tick * Math.round(rnd() * 40);
      const h = Math.max(o, c) + tick * Math.round(rnd() * 12);
      const l = Math.min(o, c) - tick * Math.round(rnd() * 12);
      const v = 1 + Math.floor(rnd() * 900);
      bars.push({ t, o, h, l, c, v });
      last = c;
    }
  }
  t += 5 * 60 * 1000;
}
const open = bars.map(b => b.o), high = bars.map(b => b.h), low = bars.map(b => b.l), close = bars.map(b => b.c);
const volume = bars.map(b => b.v);
const n = bars.length;

function run(name, extra) {
  const r = talib.execute(Object.assign({ name, startIdx: 0, endIdx: n - 1, open, high, low, close, volume, inReal: close }, extra));
  if (r.error) throw new Error(name + ': ' + r.error);
  const out = {};
  for (const key of Object.keys(r.result)) {
    const col = new Array(n).fill(null);
    r.result[key].forEach((v, i) => { col[r.begIndex + i] = v; });
    out[key] = col;
  }
  return out;
}
const cases = [];
function add(indicator, params, outputs) { cases.push({ indicator, params, outputs }); }

for (const p of [5, 20]) {
  add('SMA', { period: p }, { value: run('SMA', { optInTimePeriod: p }).outReal });
  add('EMA', { period: p }, { value: run('EMA', { optInTimePeriod: p }).outReal });
  add('WMA', { period: p }, { value: run('WMA', { optInTimePeriod: p }).outReal });
  add('DEMA', { period: p }, { value: run('DEMA', { optInTimePeriod: p }).outReal });
  add('TEMA', { period: p }, { value: run('TEMA', { optInTimePeriod: p }).outReal });
}
for (const p of [10, 30]) add('KAMA', { period: p }, { value: run('KAMA', { optInTimePeriod: p }).outReal });
for (const p of [2, 14]) add('RSI', { period: p }, { value: run('RSI', { optInTimePeriod: p }).outReal });
{
  const r = run('MACD', { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 });
  add('MACD', { fast: 12, slow: 26, signal: 9 }, { macd: r.outMACD, signal: r.outMACDSignal, histogram: r.outMACDHist });
}
{
  const r = run('STOCH', { optInFastK_Period: 5, optInSlowK_Period: 3, optInSlowK_MAType: 0, optInSlowD_Period: 3, optInSlowD_MAType: 0 });
  add('Stochastic', { kPeriod: 5, kSmoothing: 3, dPeriod: 3 }, { k: r.outSlowK, d: r.outSlowD });
  const r2 = run('STOCH', { optInFastK_Period: 14, optInSlowK_Period: 1, optInSlowK_MAType: 0, optInSlowD_Period: 3, optInSlowD_MAType: 0 });
  add('Stochastic', { kPeriod: 14, kSmoothing: 1, dPeriod: 3 }, { k: r2.outSlowK, d: r2.outSlowD });
}
{
  const r = run('STOCHRSI', { optInTimePeriod: 14, optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0 });
  add('StochasticRsi', { period: 14, kPeriod: 5, dPeriod: 3 }, { k: r.outFastK, d: r.outFastD });
}
for (const p of [5, 14]) {
  add('ADX', { period: p }, {
    adx: run('ADX', { optInTimePeriod: p }).outReal,
    plusDi: run('PLUS_DI', { optInTimePeriod: p }).outReal,
    minusDi: run('MINUS_DI', { optInTimePeriod: p }).outReal,
  });
}
for (const p of [14, 20]) add('CCI', { period: p }, { value: run('CCI', { optInTimePeriod: p }).outReal });
add('WilliamsR', { period: 14 }, { value: run('WILLR', { optInTimePeriod: 14 }).outReal });
add('ROC', { period: 10 }, { value: run('ROC', { optInTimePeriod: 10 }).outReal });
add('MFI', { period: 14 }, { value: run('MFI', { optInTimePeriod: 14 }).outReal });
add('OBV', {}, { value: run('OBV', {}).outReal });
for (const p of [1, 14]) add('ATR', { period: p }, { value: run('ATR', { optInTimePeriod: p }).outReal });
add('NATR', { period: 14 }, { value: run('NATR', { optInTimePeriod: 14 }).outReal });
add('StdDev', { period: 20 }, { value: run('STDDEV', { optInTimePeriod: 20, optInNbDev: 1 }).outReal });
{
  const r = run('BBANDS', { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 });
  add('Bollinger', { period: 20, multiplier: 2 }, { upper: r.outRealUpperBand, middle: r.outRealMiddleBand, lower: r.outRealLowerBand });
}
{
  const up = run('MAX', { inReal: high, optInTimePeriod: 20 }).outReal;
  const dn = run('MIN', { inReal: low, optInTimePeriod: 20 }).outReal;
  add('Donchian', { period: 20 }, { upper: up, middle: up.map((u, i) => u === null ? null : (u + dn[i]) / 2), lower: dn });
}
add('ParabolicSar', { acceleration: 0.02, maximum: 0.2 }, { value: run('SAR', { optInAcceleration: 0.02, optInMaximum: 0.2 }).outReal });

// Keltner Channels: TA-Lib EMA(close, 20) +- 2 x TA-Lib ATR(10); a value once both have one.
{
  const ema = run('EMA', { optInTimePeriod: 20 }).outReal, atr = run('ATR', { optInTimePeriod: 10 }).outReal;
  const ok = i => ema[i] !== null && atr[i] !== null;
  add('Keltner', { period: 20, atrPeriod: 10, multiplier: 2 }, {
    upper: ema.map((e, i) => ok(i) ? e + 2 * atr[i] : null),
    middle: ema.map((e, i) => ok(i) ? e : null),
    lower: ema.map((e, i) => ok(i) ? e - 2 * atr[i] : null),
  });
}
// SuperTrend (Olivier Seban's rule as TradingView's ta.supertrend states it) on TA-Lib ATR(10), factor 3, basis (H+L)/2.
{
  const period = 10, factor = 3, atr = run('ATR', { optInTimePeriod: period }).outReal;
  const value = new Array(n).fill(null), direction = new Array(n).fill(null);
  let prevUpper = null, prevLower = null, prevTrend = null, prevClose = null;
  for (let i = 0; i < n; i++) {
    if (atr[i] !== null) {
      const mid = (high[i] + low[i]) / 2;
      let upper = mid + factor * atr[i], lower = mid - factor * atr[i];
      if (prevUpper !== null) {
        if (!(upper < prevUpper || prevClose > prevUpper)) upper = prevUpper;
        if (!(lower > prevLower || prevClose < prevLower)) lower = prevLower;
      }
      let trend; // +1 up (line = lower band), -1 down (line = upper band)
      if (prevTrend === null) trend = close[i] > upper ? 1 : -1; // first value: down unless the close is above the upper band
      else if (prevTrend === -1) trend = close[i] > upper ? 1 : -1;
      else trend = close[i] < lower ? -1 : 1;
      value[i] = trend === 1 ? lower : upper;
      direction[i] = trend;
      prevUpper = upper; prevLower = lower; prevTrend = trend;
    }
    prevClose = close[i];
  }
  add('SuperTrend', { period, multiplier: factor }, { value, direction });
}
// VWAP anchored to the CME trade date: it restarts at 17:00 CT (23:00 UTC in winter). Typical price (H+L+C)/3.
{
  const value = new Array(n).fill(null);
  let day = null, pv = 0, vol = 0;
  for (let i = 0; i < n; i++) {
    const d = new Date(bars[i].t + 3600 * 1000).toISOString().slice(0, 10);
    if (d !== day) { day = d; pv = 0; vol = 0; }
    pv += (high[i] + low[i] + close[i]) / 3 * volume[i];
    vol += volume[i];
    value[i] = vol > 0 ? pv / vol : null;
  }
  add('VWAP', { anchor: 'session' }, { value });
}

const out = {
  provenance: {
    generator: 'generate-reference.js',
    tool: 'npm package ' + talibPkg.name + '@' + talibPkg.version + ' (native Node binding; it compiles the TA-Lib C source it bundles, version 0.6.0-dev, with TA_EPSILON 1e-14)',
    node: process.version,
    textbook: 'VWAP, Keltner (from TA-Lib EMA and ATR), SuperTrend (from TA-Lib ATR) are loops in this script',
    bars: 'mulberry32(20261123) random walk, 0.25 tick, 5-minute bars from 2026-11-23T00:00Z, no bars 22:00-23:00Z, ~3% empty bars',
  },
  bars: bars.map(b => ({ t: new Date(b.t).toISOString(), o: b.o, h: b.h, l: b.l, c: b.c, v: b.v })),
  cases,
};
process.stdout.write(JSON.stringify(out));
