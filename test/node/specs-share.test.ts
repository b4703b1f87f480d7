import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, valueOf, type CompareShare } from '../../viz/share/url.ts';
import { rawScenario, validate } from '../../viz/worker/session.ts';

describe('share links', () => {
  it('encodeShare(explore) is short: the bundled name plus the changed levers, sorted', () => {
    expect(
      encodeShare({
        view: 'explore',
        scenario: 'centralised',
        seed: 3,
        params: { monitoring: 0.5, autonomy: 0.25, steering: 'plan' },
      }),
    ).toBe('#/explore?s=centralised&seed=3&autonomy=0.25&monitoring=0.5&steering=plan');
  });
  it('decodeShare(encodeShare(x)) gives x back for explore and compare', () => {
    const ex = {
      view: 'explore' as const,
      scenario: 'vn34-2025',
      seed: 7,
      replicates: 3,
      cycles: 40,
      params: { approvalStrictness: 0.9, lineScope: 'national' },
    };
    expect(decodeShare(encodeShare(ex), 'vn34-2025')).toEqual({ share: ex, problems: [] });
    const cmp: CompareShare = {
      view: 'compare',
      seed: 2,
      replicates: 10,
      columns: [
        { scenario: 'controlled-autonomy', params: {} },
        { scenario: 'devolved', params: { autonomy: 0.6 } },
      ],
    };
    expect(decodeShare(encodeShare(cmp), 'vn34-2025')).toEqual({ share: cmp, problems: [] });
  });
  it('decodeShare keeps text that is not a JSON number as text, so validation names it', () => {
    expect(valueOf('0.5')).toBe(0.5);
    expect(valueOf('1e-3')).toBe(0.001);
    expect(valueOf('')).toBe('');
    expect(valueOf('0x10')).toBe('0x10');
    expect(valueOf('Infinity')).toBe('Infinity');
    const { share } = decodeShare('#/explore?s=vn34-2025&autonomy=abc&resources=9', 'vn34-2025');
    expect(share).toEqual({ view: 'explore', scenario: 'vn34-2025', params: { autonomy: 'abc', resources: 9 } });
    const v = validate({ bundled: 'vn34-2025' }, (share as { params: Record<string, number | string> }).params);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.issues.map((i) => i.path).sort()).toEqual(['params.autonomy', 'params.resources']);
  });
  it('decodeShare reports malformed counts and falls back to Explore for an unknown view, naming it', () => {
    expect(decodeShare('#/nowhere?seed=-1&reps=x', 'vn34-2025')).toEqual({
      share: { view: 'explore', scenario: 'vn34-2025', params: {} },
      problems: [
        { kind: 'view', key: 'view', value: 'nowhere' },
        { kind: 'range', key: 'seed', value: '-1', min: 0, max: 4294967295 },
        { kind: 'whole', key: 'reps', value: 'x' },
      ],
    });
  });
  it("decodeShare does not use counts outside the view's bounds, and names each one with the bounds", () => {
    expect(decodeShare('#/explore?s=vn34-2025&seed=4294967296&reps=1000000&cycles=2001', 'vn34-2025')).toEqual({
      share: { view: 'explore', scenario: 'vn34-2025', params: {} },
      problems: [
        { kind: 'range', key: 'seed', value: '4294967296', min: 0, max: 4294967295 },
        { kind: 'range', key: 'reps', value: '1000000', min: 1, max: 100 },
        { kind: 'range', key: 'cycles', value: '2001', min: 1, max: 2000 },
      ],
    });
    // Compare has its own bounds (at least two replicates for paired differences, at most 200).
    const cmp = decodeShare('#/compare?reps=1&cycles=0&a=devolved&b=centralised', 'vn34-2025');
    expect(cmp.problems).toEqual([
      { kind: 'range', key: 'reps', value: '1', min: 2, max: 200 },
      { kind: 'range', key: 'cycles', value: '0', min: 1, max: 2000 },
    ]);
    expect(cmp.share).toEqual({
      view: 'compare',
      columns: [
        { scenario: 'devolved', params: {} },
        { scenario: 'centralised', params: {} },
      ],
    });
    // Values at the bounds are used.
    expect(decodeShare('#/explore?s=vn34-2025&seed=4294967295&reps=100&cycles=2000', 'vn34-2025').problems).toEqual([]);
    expect(decodeShare('#/compare?seed=0&reps=200&cycles=1&a=devolved&b=devolved', 'vn34-2025').problems).toEqual([]);
  });
  it('decodeShare names the keys a view has no use for instead of dropping them silently', () => {
    expect(
      decodeShare('#/compare?a=devolved&b=devolved&e=centralised&c.autonomy=0.5&s=x', 'vn34-2025').problems,
    ).toEqual([
      { kind: 'ignored', key: 'e', value: 'centralised' },
      { kind: 'ignored', key: 'c.autonomy', value: '0.5' },
      { kind: 'ignored', key: 's', value: 'x' },
    ]);
    expect(decodeShare('#/compare?a=devolved', 'vn34-2025').problems).toEqual([
      { kind: 'ignored', key: 'a', value: 'devolved' },
    ]);
    expect(decodeShare('#/experiment?zz=3&p=autonomy:0:x:5', 'vn34-2025')).toEqual({
      share: { view: 'experiment', levers: [] },
      problems: [
        { kind: 'ignored', key: 'zz', value: '3' },
        { kind: 'ignored', key: 'p', value: 'autonomy:0:x:5' },
      ],
    });
    // An experiment design goes into the link and comes back unchanged.
    const design = {
      view: 'experiment',
      scenario: 'devolved',
      seed: 7,
      replicates: 3,
      cycles: 20,
      design: 'factorial',
      levers: [
        { name: 'autonomy', min: 0.2, max: 0.8, levels: 4 },
        { name: 'lineScope', min: 0, max: 1, levels: 3 },
      ],
      samples: 16,
      trajectories: 4,
      gridLevels: 4,
      metrics: ['coherence', 'value'],
      coherenceMin: '0.5',
    } as const;
    const link = encodeShare({ ...design, levers: [...design.levers], metrics: [...design.metrics] });
    expect(link).toBe(
      '#/experiment?s=devolved&seed=7&reps=3&cycles=20&d=factorial&p=autonomy%3A0.2%3A0.8%3A4&p=lineScope%3A0%3A1%3A3&n=16&t=4&l=4&m=coherence%2Cvalue&cmin=0.5',
    );
    expect(decodeShare(link, 'vn34-2025')).toEqual({ share: design, problems: [] });
    expect(decodeShare('#/experiment?reps=0&n=1.5', 'vn34-2025').problems).toEqual([
      { kind: 'range', key: 'reps', value: '0', min: 1, max: 100000 },
      { kind: 'whole', key: 'n', value: '1.5' },
    ]);
    expect(decodeShare('', 'vn34-2025').problems).toEqual([]);
  });
  it('rawScenario({bundled}) extends the bundled file, so a link resolves to the same scenario as the file', () => {
    expect(rawScenario({ bundled: 'devolved' }, { autonomy: 0.5 })).toEqual({
      formatVersion: 1,
      name: 'devolved',
      extends: 'devolved',
      params: { autonomy: 0.5 },
    });
    const a = validate({ bundled: 'devolved' });
    expect(a.ok && a.value.params.autonomy).toBe(0.8);
  });
});
