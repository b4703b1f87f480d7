import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...files(rel, ext));
    else if (ext.test(name)) out.push(rel);
  }
  return out;
}

describe('untrusted text never becomes HTML', () => {
  it('viz/ and public/ use no HTML sinks (innerHTML, outerHTML, insertAdjacentHTML, d3 .html(), document.write) and no style strings', () => {
    const sinks =
      /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|\.html\(|document\.write|setAttribute\(\s*['"]style['"]|\.attr\(\s*['"]style['"]|\beval\(|new Function\(/;
    const offenders = [...files('viz', /\.ts$/), ...files('public', /\.js$/)].filter((f) =>
      sinks.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('index.html', () => {
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
  it('has a Content-Security-Policy without unsafe-inline or unsafe-eval, scripts and styles from self only', () => {
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-/);
  });
  it('has no inline script or style and links a favicon', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b|\sstyle=/);
    expect(html).toMatch(/<link rel="icon" href="\/favicon.svg"/);
  });
});
