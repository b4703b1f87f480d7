import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBundled, loadScenario } from '../../sim/context.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { compareScenarios, compareScenarioSet, type ComparisonSet } from '../../sim/experiment/compare.ts';
import { pairedComparison } from '../../sim/experiment/stats/index.ts';
import { governanceModel } from '../../sim/model/governance.ts';
import { captureDownloads, control, type Mounted, mountForTest, screenshot } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  vi.restoreAllMocks();
  m?.unmount();
  m = null;
});

describe('Compare', () => {
  it('compares controlled-autonomy and devolved under common random numbers: paired differences equal pairedComparison of runScenario finals', async () => {
    m = await mountForTest({ hash: '#/compare?seed=3&reps=4&cycles=20&a=controlled-autonomy&b=devolved' });
    const { app, host } = m;
    expect(app.view).toBe('compare');
    await app.whenIdle();
    expect(app.compare.state).toBe('done');
    expect(host.querySelector('[data-role="compare-status"]')!.textContent).toBe(
      '2 scenarios compared on replicates 0 to 3 of seed 3 (common random numbers).',
    );
    const finals = (name: string) =>
      [0, 1, 2, 3].map(
        (r) => runScenario(governanceModel, loadBundled(name), { seed: 3, replicate: r, cycles: 20 }).final,
      );
    const a = finals('controlled-autonomy');
    const b = finals('devolved');
    const expected = pairedComparison(
      a.map((f) => f.coherence!),
      b.map((f) => f.coherence!),
    );
    // Differences table: metric, comparison, n, mean A, mean B, difference, paired CI, unpaired CI, width ratio.
    const row = Array.from(host.querySelectorAll('figure[data-chart="diff"] tbody tr')).find(
      (tr) => tr.children[0]!.textContent === 'Coherence',
    )!;
    const cells = Array.from(row.children, (td) => (td as HTMLElement).dataset.value);
    expect(cells.slice(2, 9).map(Number)).toEqual([
      4,
      expected.meanA,
      expected.meanB,
      expected.meanDifference,
      expected.paired.ciLow,
      expected.paired.ciHigh,
      expected.welch.ciLow,
    ]);
    // Shared axes: one chart per metric, a line per scenario, told apart by dash as well as colour.
    const lines = host.querySelectorAll('figure[data-chart="series-coherence"] path.line');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.getAttribute('stroke-dasharray')).toBe('6 3');
    // The link carries the columns.
    expect(app.shareUrl()).toContain('#/compare?seed=3&reps=4&cycles=20&a=controlled-autonomy&b=devolved');

    // A lever set as a third column, then presentation mode for the room.
    control(host, 'compare-add').click();
    control(host, 'compare-add-lever-2').click();
    const value = control<HTMLInputElement>(host, 'compare-value-2-0');
    value.value = '0.9';
    value.dispatchEvent(new Event('change'));
    control(host, 'compare-run').click();
    await app.whenIdle();
    expect(app.compare.state).toBe('done');
    expect(host.querySelectorAll('figure[data-chart="series-coherence"] path.line')).toHaveLength(3);
    expect(app.shareUrl()).toContain('&c=devolved&c.autonomy=0.9');
    control(host, 'present').click();
    expect(host.classList.contains('present')).toBe(true);
    await screenshot('app-compare-presentation');
    control(host, 'present').click();
    expect(host.classList.contains('present')).toBe(false);
    expect(m.errors).toEqual([]);
  });

  it("the JSON export is docs/formats.md's concerto-compare document: compareScenarios of A with each other column", async () => {
    m = await mountForTest({
      hash: '#/compare?seed=3&reps=4&cycles=20&a=controlled-autonomy&b=devolved&c=devolved&c.autonomy=0.9',
    });
    const { app, host } = m;
    await app.whenIdle();
    expect(app.compare.state).toBe('done');
    const downloads = captureDownloads();
    control(host, 'compare-json').click();
    expect(downloads.map((d) => d.name)).toEqual(['compare-seed3.json']);
    const doc = JSON.parse(await downloads[0]!.blob.text()) as ComparisonSet;
    // The same inputs through sim/experiment/compare.ts: the scenarios as files name them, runs made here.
    const a = loadBundled('controlled-autonomy');
    const b = loadBundled('devolved');
    const c = loadScenario({ formatVersion: 1, name: 'devolved', extends: 'devolved', params: { autonomy: 0.9 } });
    const options = { seed: 3, replicates: 4, cycles: 20 };
    // The lever set in column C travels with it: every resolved parameter and the change.
    const changed: Record<string, number>[] = [{}, {}, { autonomy: 0.9 }];
    expect(doc).toEqual(compareScenarioSet(governanceModel, [a, b, c], { ...options, changed }));
    expect(doc.comparisons).toEqual([
      compareScenarios(governanceModel, a, b, { ...options, changed: [{}, {}] }),
      compareScenarios(governanceModel, a, c, { ...options, changed: [{}, { autonomy: 0.9 }] }),
    ]);
    expect(doc.manifest.scenarios[2]).toMatchObject({
      name: 'devolved',
      changed: { autonomy: 0.9 },
      params: { autonomy: 0.9 },
    });
    expect(doc.manifest).toMatchObject({
      kind: 'concerto-compare',
      scenarios: [{ name: 'controlled-autonomy' }, { name: 'devolved' }, { name: 'devolved' }],
      seed: 3,
      replicates: 4,
      cycles: 20,
    });
    expect(doc.comparisons[1]!.manifest).toMatchObject({
      kind: 'concerto-compare',
      a: { name: 'controlled-autonomy' },
      b: { name: 'devolved', scenarioHash: doc.manifest.scenarios[2]!.scenarioHash },
    });
    // The chart's numbers are the document's.
    const row = Array.from(host.querySelectorAll('figure[data-chart="diff"] tbody tr')).filter(
      (tr) => tr.children[0]!.textContent === 'Coherence',
    )[1]!;
    const cells = Array.from(row.children, (td) => Number((td as HTMLElement).dataset.value));
    const cc = doc.comparisons[1]!.metrics.coherence!;
    expect(cells.slice(2, 9)).toEqual([
      cc.n,
      cc.meanA,
      cc.meanB,
      cc.difference,
      cc.paired.ciLow,
      cc.paired.ciHigh,
      cc.unpaired.ciLow,
    ]);
    expect(m.errors).toEqual([]);
  });

  it('derived metrics typed in the view are compared and exported like final values; a forbidden function is named', async () => {
    m = await mountForTest({ hash: '#/compare?seed=3&reps=3&cycles=10&a=controlled-autonomy&b=devolved' });
    const { app, host } = m;
    await app.whenIdle();
    const input = control<HTMLInputElement>(host, 'compare-derived');
    input.value = 'balanced = min(coherence, innovation); both = coherence > 0.5 and innovation > 0.3';
    control(host, 'compare-run').click();
    await app.whenIdle();
    expect(app.compare.state).toBe('done');
    const downloads = captureDownloads();
    control(host, 'compare-json').click();
    const doc = JSON.parse(await downloads[0]!.blob.text()) as ComparisonSet;
    const derived = { balanced: 'min(coherence, innovation)', both: 'coherence > 0.5 and innovation > 0.3' };
    expect(doc.manifest.derived).toEqual(derived);
    // The same comparison through sim/experiment/compare.ts with the same expressions.
    const { compileDerived } = await import('../../sim/experiment/derived.ts');
    const { finalKeys } = await import('../../sim/experiment/experiment.ts');
    const set = await compileDerived(
      Object.entries(derived).map(([name, expression]) => ({ name, expression })),
      finalKeys(governanceModel),
    );
    const expected = compareScenarios(governanceModel, loadBundled('controlled-autonomy'), loadBundled('devolved'), {
      seed: 3,
      replicates: 3,
      cycles: 10,
      changed: [{}, {}],
      derived: set,
    });
    expect(doc.comparisons[0]).toEqual(expected);
    // The differences table has a row for each derived metric, named as typed.
    const row = Array.from(host.querySelectorAll('figure[data-chart="diff"] tbody tr')).find(
      (tr) => tr.children[0]!.textContent === 'balanced',
    )!;
    expect(Number((row.children[5] as HTMLElement).dataset.value)).toBe(expected.metrics.balanced!.difference);

    input.value = 'bad = evaluate("1")';
    control(host, 'compare-run').click();
    await app.whenIdle();
    expect(app.compare.state).toBe('invalid');
    const issues = Array.from(host.querySelectorAll<HTMLElement>('[data-column="0"] .issues li'));
    expect(issues.map((li) => li.dataset.path)).toEqual(['derived.bad']);
    expect(issues[0]!.textContent).toContain('at char 1: function evaluate is not allowed');
    expect(m.errors).toEqual([]);
  });

  it('a bad lever value in a column is named by its path and nothing runs', async () => {
    m = await mountForTest({ hash: '#/compare?reps=2&cycles=5&a=vn34-2025&b=vn34-2025&b.autonomy=2' });
    await m.app.whenIdle();
    expect(m.app.compare.state).toBe('invalid');
    expect(
      Array.from(m.host.querySelectorAll<HTMLElement>('[data-column="1"] .issues li'), (li) => li.dataset.path),
    ).toEqual(['params.autonomy']);
  });
});
