import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalPool, resolveExperiment, sweepRuns } from '../../sim/experiment/index.ts';
import { getModel } from '../../sim/models.ts';
import { MARCH_FIGURE1 } from '../../sim/reference/march1991-figure1.ts';
import { MARCH_READINGS } from '../../sim/reference/march1991.ts';
import { MARCH_EXPERIMENTS, readMarchExperiment, reproduceMarch } from '../../scripts/reproduce-march.ts';

describe('bundled March (1991) and bridge experiments', () => {
  it.each(MARCH_EXPERIMENTS.map((n) => [n]))('resolveExperiment(%s) resolves', (name) => {
    const exp = resolveExperiment(readMarchExperiment(name));
    expect(exp.name).toBe(name);
    if (name.startsWith('march1991')) {
      expect(exp.model.id).toBe('march1991');
      expect(exp.metrics).toContain(name === 'march1991-figure3' ? 'fastKnowledge' : 'codeKnowledge');
      // The model's own run-length rule applies (no outer cap below its horizon).
      expect(exp.cycles).toBe(exp.model.defaultCycles);
    } else {
      expect(exp.model.id).toBe('governance');
      expect(exp.metrics).toEqual(expect.arrayContaining(['lineQuality', 'coherence']));
      expect(exp.set).toMatchObject({ approvalStrictness: 0, track2Intensity: 0, interactions: 0 });
    }
  });

  it('march1991-figure1 is Figure 1: p1 ∈ .1 … .9 × p2 ∈ {.1, .5, .9}, at least 80 replicates, every reading as a set variant', () => {
    const raw = readMarchExperiment('march1991-figure1');
    const exp = resolveExperiment(raw);
    expect(exp.replicates).toBeGreaterThanOrEqual(80);
    const points = Array.from({ length: exp.design.size }, (_, i) => exp.design.point(i));
    expect(points).toEqual(MARCH_FIGURE1.map(({ p1, p2 }) => ({ p2, p1 })));
    for (const reading of MARCH_READINGS) {
      expect(resolveExperiment({ ...raw, set: { reading } }).scenario.params.reading).toBe(reading);
    }
  });

  it('the published Figure 1 values equal ../shared/validation/march1991-figure1.csv where that file is present', () => {
    const csv = join(import.meta.dirname, '..', '..', '..', 'shared', 'validation', 'march1991-figure1.csv');
    if (!existsSync(csv)) return;
    const rows = readFileSync(csv, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .slice(1);
    expect(rows.map((l) => l.split(',').map(Number))).toEqual(MARCH_FIGURE1.map(({ p1, p2, y }) => [p1, p2, y]));
  });

  it('reproduceMarch(local pool, 3 replicates) writes every section of the validation document', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'concerto-march-')), 'validation.md');
    const pool = createLocalPool(getModel);
    const lines: string[] = [];
    await reproduceMarch(pool, {
      quick: false,
      figure1Replicates: 3,
      figureReplicates: 3,
      bridgeReplicates: 3,
      out,
      log: (l) => lines.push(l),
    });
    await pool.close();
    const md = readFileSync(out, 'utf8');
    for (const heading of [
      '## Agreement rule',
      '## Result',
      '### christensen2015 (default)',
      '### text1991-sequential',
      '(Figure 2,',
      '(Figure 3,',
      '(Figure 4,',
      '(Figure 5,',
      '## The governance model in a March-like setting',
      "## How March's model maps",
    ]) {
      expect(md).toContain(heading);
    }
    expect(md.match(/^\| 0\.9 \| 0\.9 \| 0\.751 \|/gm)).toHaveLength(4); // the last Figure 1 row, once per reading
    expect(lines.at(-1)).toMatch(/^reproduce-march: wrote /);
    expect(sweepRuns(resolveExperiment(readMarchExperiment('bridge-governance-march')))).toBe(450);
  }, 120_000);
});
