// `npm run bench`: builds the app and the benchmark page, runs them in headless Chromium and
// prints one table of medians (and p50/p95 where a latency is measured), with ratios taken
// from the same run. Figures, not tests: nothing here passes or fails on a number. Tabs of one
// context talk over BroadcastChannel; separate contexts (computers, to the page) through the
// embedded broker at /mqtt of the benchmark's server. `-- --only broker` runs the latter alone.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { runnerImport } from 'vite';
import { CHROMIUM_FLAGS, findChromium } from './find-chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** `npm run bench -- --only broker`: only the figures through the broker. */
const ONLY = (() => {
  const at = process.argv.indexOf('--only');
  return at === -1 ? null : process.argv[at + 1] ?? null;
})();
if (ONLY !== null && ONLY !== 'broker') throw new Error(`--only ${ONLY}: the one part that can run alone is "broker".`);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const RATE_MS = 1000;
const TABS = 8;
const BLOCKS_PER_TAB_RUN = 12;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const rate = (sample) => (sample.attempts * 1000) / sample.ms;

/**
 * CPU seconds used so far by every Chromium process (Linux /proc), or null elsewhere. A
 * SubtleCrypto digest also runs on the browser's own thread pool, so a miner can keep more
 * than one core busy: this is what shows how much.
 */
function chromiumCpuSeconds() {
  if (process.platform !== 'linux') return null;
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we read it.
    }
  }
  return ticks / ticksPerSecond;
}

/** Runs `run`, with the cores Chromium kept busy meanwhile (null where that cannot be read). */
async function withCores(run) {
  const [cpu, at] = [chromiumCpuSeconds(), performance.now()];
  const result = await run();
  const after = chromiumCpuSeconds();
  return { result, cores: cpu === null || after === null ? null : (after - cpu) / ((performance.now() - at) / 1000) };
}
const fmtRate = (r) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)} M/s` : `${(r / 1e3).toFixed(0)} k/s`);
const fmtMs = (ms) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
const log = (text) => process.stderr.write(`${text}\n`);

function build() {
  log('Building the app and the benchmark page…');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.map': 'application/json' };

/** The app at /, the benchmark page at /bench/, as `vite preview` would serve them. */
function serve() {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [dir, path] = url.pathname.startsWith('/bench/') ? ['dist-bench', url.pathname.slice('/bench'.length)] : ['dist', url.pathname];
    let file = normalize(join(ROOT, dir, path));
    if (!file.startsWith(join(ROOT, dir))) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The embedded broker of `npm start` and `vite preview` (server/broker.ts, aedes) at /mqtt of
 * the benchmark's own server, so that pages reach it on their own origin. The server's
 * TypeScript is loaded through Vite's module runner, as vite.config.ts loads it.
 */
async function attachBroker(server) {
  const { module } = await runnerImport(join(ROOT, 'server/broker.ts'));
  return module.attachBroker(server, module.BROKER_PATH, { log: (line) => { log(`  broker: ${line}`); } });
}

/** Gzipped size of the JavaScript the page loads before it can run: entry script and its preloads. */
function initialJs() {
  const html = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]);
  return files.reduce(
    (sum, file) => {
      const bytes = readFileSync(join(ROOT, 'dist', file));
      return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes).length };
    },
    { raw: 0, gzip: 0 },
  );
}

async function nodeWorker(page) {
  for (let i = 0; i < 100; i++) {
    const worker = page.workers().find((w) => w.url().includes('node.worker'));
    if (worker) return worker;
    await page.waitForTimeout(50);
  }
  throw new Error('The node worker did not start.');
}

/** Absolute times of a User Timing entry in a page or worker, with its detail. */
const entriesOf = (target, name) =>
  target.evaluate((entry) => performance.getEntriesByName(entry).map((e) => ({ at: performance.timeOrigin + e.startTime, duration: e.duration, detail: e.detail })), name);

async function openTab(context, base, query) {
  const page = await context.newPage();
  await page.goto(`${base}/?${query}`);
  await page.locator('.whoami [data-node-id]').waitFor();
  return page;
}

async function waitForPeers(pages) {
  for (const page of pages) {
    await page.waitForFunction((n) => document.querySelectorAll('ul.peers li[data-status="online"]').length === n, pages.length - 1, { timeout: 30_000 });
  }
}

async function engines(bench, threads) {
  log('Hash rates…');
  const rows = {};
  const configs = [
    ['tutorial', 'Tutorial loop (string, await digest, hex, compare)', () => bench.evaluate((ms) => window.tabchainBench.tutorialRate(ms), RATE_MS)],
    ['subtle1', 'SubtleCrypto miner, 1 thread', () => bench.evaluate((ms) => window.tabchainBench.poolRate('subtle', 1, ms), RATE_MS)],
    ['subtleN', `SubtleCrypto miner, ${threads} threads`, () => bench.evaluate(([ms, n]) => window.tabchainBench.poolRate('subtle', n, ms), [RATE_MS, threads])],
    ['fast1', 'Fast engine, 1 thread', () => bench.evaluate((ms) => window.tabchainBench.poolRate('fast', 1, ms), RATE_MS)],
    ['fastN', `Fast engine, ${threads} threads`, () => bench.evaluate(([ms, n]) => window.tabchainBench.poolRate('fast', n, ms), [RATE_MS, threads])],
  ];
  for (const [, , run] of configs) await run(); // warm-up: threads started, code compiled
  // Interleaved repetitions, so that a slow moment of the machine hits every row alike.
  const samples = Object.fromEntries(configs.map(([key]) => [key, { rates: [], cores: [] }]));
  for (let rep = 0; rep < REPS; rep++) {
    for (const [key, , run] of configs) {
      const { result, cores } = await withCores(run);
      samples[key].rates.push(rate(result));
      if (cores !== null) samples[key].cores.push(cores);
    }
  }
  for (const [key, label] of configs) {
    const { rates, cores } = samples[key];
    rows[key] = { label, value: median(rates), cores: cores.length > 0 ? median(cores) : null };
  }
  return rows;
}

async function validation(bench) {
  log('Validation (generating 10,000- and 100,000-block chains first)…');
  const out = {};
  for (const [key, length, sha] of [['v10k', 10_000, 'subtle'], ['v10kJs', 10_000, 'js'], ['v100k', 100_000, 'subtle']]) {
    const times = [];
    await bench.evaluate(([n, s]) => window.tabchainBench.validation(n, s), [length, sha]);
    for (let rep = 0; rep < REPS; rep++) {
      const result = await bench.evaluate(([n, s]) => window.tabchainBench.validation(n, s), [length, sha]);
      if (!result.valid) throw new Error(`The ${length}-block chain did not validate.`);
      times.push(result.ms);
    }
    out[key] = median(times);
  }
  return out;
}

/**
 * Two tabs of one context over BroadcastChannel, or (`overBroker`) two separate contexts,
 * two computers to the page, through the broker at /mqtt. As in a class, B hears A's new tip
 * and judges A's chain (the Validate rows are that cost) before Resolve is clicked: the
 * resolve asks A again, gets the same text and adopts the chain judged then.
 */
async function resolveLongChain(browser, base, bench, overBroker = false) {
  log(overBroker ? 'Resolve of 10,000 blocks between two computers through the broker…' : 'Resolve of 10,000 blocks between two tabs…');
  const text = await bench.evaluate(() => window.tabchainBench.chainText(10_000));
  const times = [];
  for (let rep = 0; rep < REPS; rep++) {
    const contexts = overBroker ? [await browser.newContext(), await browser.newContext()] : [await browser.newContext()];
    const net = `bench-resolve-${Date.now()}-${rep}`;
    const query = `net=${net}&difficulty=1${overBroker ? '&broker=/mqtt' : ''}`;
    const a = await openTab(contexts[0], base, query);
    const b = await openTab(contexts.at(-1), base, query);
    await waitForPeers([a, b]);
    // Import chain sits in the Chain file tab below the chain.
    await a.getByRole('tab', { name: 'Chain file', exact: true }).click();
    const [chooser] = await Promise.all([a.waitForEvent('filechooser'), a.getByRole('button', { name: 'Import chain' }).click()]);
    await chooser.setFiles({ name: 'chain.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await a.getByTestId('height').filter({ hasText: '10000' }).waitFor({ timeout: 60_000 });
    await b.waitForTimeout(overBroker ? 3000 : 500);
    const worker = await nodeWorker(b);
    const before = (await entriesOf(worker, 'tabchain:resolve')).length;
    await b.getByRole('button', { name: 'Resolve' }).click();
    try {
      await b.getByTestId('height').filter({ hasText: '10000' }).waitFor({ timeout: 60_000 });
    } catch {
      // A figure, not a test: what the resolve said is the result of this run.
      const said = (await b.getByTestId('resolve-result').textContent()) ?? '';
      for (const context of contexts) await context.close();
      return { ms: null, failure: said.replace(/\s+/g, ' ').trim().slice(0, 160) };
    }
    const entries = await entriesOf(worker, 'tabchain:resolve');
    const last = entries.at(-1);
    if (entries.length <= before || !last?.detail?.replaced) throw new Error('The resolve did not replace the chain.');
    times.push(last.duration);
    for (const context of contexts) await context.close();
  }
  return { ms: median(times), failure: null };
}

/** Tabs of one context over BroadcastChannel, or (`overBroker`) one tab in each of separate contexts through the broker. */
async function autoResolveLatency(browser, base, overBroker = false) {
  log(`Time from a mined block to its drawing in ${TABS} ${overBroker ? 'computers through the broker' : 'tabs'} with auto-resolve…`);
  const shared = overBroker ? null : await browser.newContext();
  const contexts = [];
  const net = `bench-tabs-${Date.now()}`;
  const pages = [];
  for (let i = 0; i < TABS; i++) {
    const context = shared ?? (await browser.newContext());
    if (!contexts.includes(context)) contexts.push(context);
    pages.push(await openTab(context, base, `net=${net}&difficulty=2&autoresolve=1&engine=fast${overBroker ? '&broker=/mqtt' : ''}`));
  }
  await waitForPeers(pages);
  const workers = await Promise.all(pages.map(nodeWorker));
  const latencies = [];
  for (let n = 0; n < BLOCKS_PER_TAB_RUN; n++) {
    const miner = n % TABS;
    const height = n + 2;
    await pages[miner].getByRole('button', { name: 'Mine' }).click();
    for (const page of pages) await page.getByTestId('height').filter({ hasText: String(height) }).waitFor({ timeout: 30_000 });
    const mined = (await entriesOf(workers[miner], 'tabchain:mined')).find((e) => e.detail?.height === height);
    if (!mined) throw new Error(`No mined mark for block ${height}.`);
    for (const page of pages) {
      const drawn = (await entriesOf(page, 'tabchain:chain-drawn')).find((e) => e.detail?.hash === mined.detail.hash);
      if (!drawn) throw new Error(`Block ${height} was not drawn in every tab.`);
      latencies.push(drawn.at - mined.at);
    }
    await pages[miner].getByRole('button', { name: 'Mine' }).waitFor({ state: 'visible' });
    await pages[miner].waitForFunction(() => !document.querySelector('button.primary[aria-busy="true"]'));
  }
  for (const context of contexts) await context.close();
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), samples: latencies.length };
}

function table(rows) {
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main() {
  build();
  const server = await serve();
  const broker = await attachBroker(server);
  const base = `http://127.0.0.1:${server.address().port}`;
  const found = findChromium();
  if (!found) throw new Error('No Chromium found: run `node scripts/ensure-browser.mjs` first.');
  const browser = await chromium.launch({ args: [...CHROMIUM_FLAGS], ...(found.path ? { executablePath: found.path } : {}) });
  const all = ONLY === null;
  try {
    const benchContext = await browser.newContext();
    const bench = await benchContext.newPage();
    await bench.goto(`${base}/bench/`);
    await bench.waitForFunction(() => 'tabchainBench' in window);
    const threads = await bench.evaluate(() => navigator.hardwareConcurrency);
    const proofs = all ? await bench.evaluate(() => window.tabchainBench.sameProofs(4)) : null;
    const rates = all ? await engines(bench, threads) : null;
    const valid = all ? await validation(bench) : null;
    const resolveMs = all ? await resolveLongChain(browser, base, bench) : null;
    const resolveBrokerMs = await resolveLongChain(browser, base, bench, true);
    await benchContext.close();
    const latency = all ? await autoResolveLatency(browser, base) : null;
    const latencyBroker = await autoResolveLatency(browser, base, true);
    const js = initialJs();

    const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
    const busy = (row) => (row.cores === null ? '' : `; ${row.cores.toFixed(2)} cores busy`);
    const rows = [['Measure', 'Median', 'Ratio / note']];
    if (rates && proofs && valid) {
      const sameProofs = new Set(Object.values(proofs)).size === 1;
      rows.push(
        [rates.tutorial.label, fmtRate(rates.tutorial.value), `baseline${busy(rates.tutorial)}`],
        [rates.subtle1.label, fmtRate(rates.subtle1.value), `${ratio(rates.subtle1.value, rates.tutorial.value)} the tutorial loop${busy(rates.subtle1)}`],
        [rates.subtleN.label, fmtRate(rates.subtleN.value), `${ratio(rates.subtleN.value, rates.subtle1.value)} 1 thread${busy(rates.subtleN)}`],
        [rates.fast1.label, fmtRate(rates.fast1.value), `${ratio(rates.fast1.value, rates.subtle1.value)} the SubtleCrypto miner${busy(rates.fast1)}`],
        [rates.fastN.label, fmtRate(rates.fastN.value), `${ratio(rates.fastN.value, rates.fast1.value)} 1 thread${busy(rates.fastN)}`],
        ['Same first proof from every miner (difficulty 4)', sameProofs ? 'yes' : 'NO', Object.entries(proofs).map(([k, v]) => `${k}: ${v}`).join(', ')],
        ['Validate 10,000 blocks (worker, SubtleCrypto)', fmtMs(valid.v10k), `with @noble/hashes instead: ${fmtMs(valid.v10kJs)}`],
        ['Validate 100,000 blocks (worker, SubtleCrypto)', fmtMs(valid.v100k), ''],
      );
    }
    if (resolveMs !== null) {
      rows.push(['Resolve 10,000 blocks between two tabs', resolveMs.ms === null ? 'failed' : fmtMs(resolveMs.ms), resolveMs.failure ?? 'BroadcastChannel: asking, transfer and adoption (the chain was judged when its tip was heard)']);
    }
    rows.push([
      'Resolve 10,000 blocks between two computers',
      resolveBrokerMs.ms === null ? 'failed' : fmtMs(resolveBrokerMs.ms),
      resolveBrokerMs.failure ??
        `through the broker (aedes at /mqtt), separate contexts${resolveMs?.ms ? `; ${ratio(resolveBrokerMs.ms, resolveMs.ms)} two tabs` : ''}; target ≤ 400 ms`,
    ]);
    if (latency !== null) {
      rows.push(
        [`Mined block drawn in each of ${TABS} tabs, p50`, fmtMs(latency.p50), `BroadcastChannel, auto-resolve, ${latency.samples} samples`],
        [`Mined block drawn in each of ${TABS} tabs, p95`, fmtMs(latency.p95), ''],
      );
    }
    rows.push(
      [`Mined block drawn in each of ${TABS} computers, p50`, fmtMs(latencyBroker.p50), `through the broker, separate contexts, auto-resolve, ${latencyBroker.samples} samples`],
      [`Mined block drawn in each of ${TABS} computers, p95`, fmtMs(latencyBroker.p95), 'target ≤ 150 ms'],
    );
    if (all) rows.push(['Initial JS, gzipped', `${(js.gzip / 1024).toFixed(1)} KB`, `${(js.raw / 1024).toFixed(0)} KB before gzip`]);
    const version = browser.version();
    console.log(`\ntabchain benchmarks${all ? '' : ` (only ${ONLY})`}: headless Chromium ${version}, ${cpus().length} logical processors (${cpus()[0]?.model ?? 'unknown CPU'}), medians of ${REPS} runs\n`);
    console.log(table(rows));
  } finally {
    await browser.close();
    await broker.close();
    server.close();
  }
}

await main();
