// Which Math functions give different bits in Node and in Chromium, and do the portable ones
// (sim/engine/portableMath.ts) agree? `node bench/mathDiff.mjs [n]` evaluates each function on the
// same n arguments per function (xorshift, seed fixed; ranges the model uses) in this Node and in
// Debian's Chromium (playwright-core, /usr/bin/chromium), and prints per function how many results
// differ and the largest relative difference, as JSON lines.
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';

const n = Number(process.argv[2] ?? 200000);

// The portable functions as one script both runtimes evaluate (bundled from the TypeScript source).
const portable = buildSync({
  entryPoints: [new URL('../sim/engine/portableMath.ts', import.meta.url).pathname],
  bundle: true,
  write: false,
  format: 'iife',
  globalName: 'PM',
}).outputFiles[0].text;

/** Source of a function (n) → { name: Float64Array as number[] }, run in either runtime after `portable`. */
const body = `(n) => {
  let s = 0x9e3779b9 | 0;
  const rnd = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 4294967296; };
  const cases = {
    exp: [(u) => -40 + 80 * u, (x) => Math.exp(x), (x) => PM.exp(x)],
    log: [(u) => u + 1e-300, (x) => Math.log(x), (x) => PM.log(x)],
    log1p: [(u) => PM.exp(-30 + 33 * u), (x) => Math.log1p(x), (x) => PM.log1p(x)],
    acos: [(u) => 2 * u - 1, (x) => Math.acos(x), (x) => PM.acos(x)],
    sin: [(u) => 2 * Math.PI * u, (x) => Math.sin(x), (x) => PM.sin(x)],
    cos: [(u) => 2 * Math.PI * u, (x) => Math.cos(x), (x) => PM.cos(x)],
    'pow(x, 0.7)': [(u) => 3 * u, (x) => Math.pow(x, 0.7), (x) => PM.pow(x, 0.7)],
    'pow(x, 4)': [(u) => u, (x) => Math.pow(x, 4), (x) => PM.pow(x, 4)],
    'pow(x, 0.5)': [(u) => u, (x) => Math.pow(x, 0.5), (x) => PM.pow(x, 0.5)],
    'pow(0.6, 1 + 2u)': [(u) => 1 + 2 * u, (y) => Math.pow(0.6, y), (y) => PM.pow(0.6, y)],
    'x ** 2': [(u) => 3 * u, (x) => x ** 2, (x) => PM.pow(x, 2)],
    sqrt: [(u) => 10 * u, (x) => Math.sqrt(x), (x) => Math.sqrt(x)],
  };
  const out = {};
  for (const [name, [arg, math, port]] of Object.entries(cases)) {
    const m = new Array(n), p = new Array(n);
    for (let k = 0; k < n; k++) { const x = arg(rnd()); m[k] = math(x); p[k] = port(x); }
    out[name] = [m, p];
  }
  return out;
}`;

const inNode = new Function(`${portable}; return (${body})(${n});`)();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  await page.addScriptTag({ content: portable });
  const inChromium = await page.evaluate(`(${body})(${n})`);
  console.log(JSON.stringify({ node: process.versions.v8, chromium: browser.version(), arguments: n }));
  for (const name of Object.keys(inNode)) {
    const row = { function: name };
    for (const [which, k] of [
      ['Math', 0],
      ['portable', 1],
    ]) {
      const a = inNode[name][k];
      const b = inChromium[name][k];
      let differ = 0;
      let maxRel = 0;
      for (let i = 0; i < n; i++) {
        if (Object.is(a[i], b[i])) continue;
        differ++;
        maxRel = Math.max(maxRel, Math.abs(a[i] - b[i]) / Math.abs(a[i]));
      }
      row[which] = { differ, maxRel };
    }
    console.log(JSON.stringify(row));
  }
} finally {
  await browser.close();
}
