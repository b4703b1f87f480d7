import { describe, expect, it } from 'vitest';
import { saltelliDesign, sobolIndices, splitSaltelliOutputs } from '../../sim/experiment/stats/index.ts';
import { translate, type Lang } from '../../viz/i18n/index.ts';
import { numberFormat } from '../../viz/exercise/text.ts';
import { sobolNotes } from '../../viz/specs/sobolNote.ts';
import { mulberry32, normalFrom } from './stats/rng.ts';

// The noisy toy of test/node/stats/sobolIndices.test.ts: mean of 5 replicates of x1 + 0.5 x2 + 0.8 ε.
const toy = (noise: () => number) => (x: number[]) => {
  let s = 0;
  for (let r = 0; r < 5; r++) s += (x[0] as number) + 0.5 * (x[1] as number) + 0.8 * normalFrom(noise);
  return s / 5;
};
const metricAt = (N: number) => {
  const { yA, yB, yAB } = splitSaltelliOutputs(saltelliDesign(N, 3).points.map(toy(mulberry32(64))), N, 3);
  const r = sobolIndices(yA, yB, yAB, { bootstrap: 500, rand: mulberry32(7) });
  return { variance: r.variance, S: r.S, ST: r.ST, suggestedN: r.suggestedN };
};
const notes = (lang: Lang, N: number, bootstrap = 500) =>
  sobolNotes({
    N,
    bootstrap,
    metric: metricAt(N),
    labels: lang === 'vi' ? ['Tự chủ', 'Giám sát', 'Nguồn lực'] : ['Autonomy', 'Monitoring', 'Resources'],
    t: (k, v) => translate(lang, k, v),
    num: numberFormat(lang),
  });

describe('sobolNotes: the Sobol caveats in words', () => {
  it('N = 64 on a noisy output: says N is too small, names the indices and the N that would do, and that values were clipped', () => {
    const en = notes('en', 64);
    expect(en).toHaveLength(2);
    expect(en[0]).toMatch(
      /^N = 64 is too small to estimate Autonomy \(S\), Monitoring \(S\), Resources \(S\), .*: each 95% interval is wider than 0\.3 of the 0–1 scale, so a small index cannot be told from a moderate one\. Run N = 256 or more to estimate them\.$/,
    );
    expect(en[1]).toBe(
      'Indices lie between 0 and 1; estimates or interval ends that fell outside were clipped to that range.',
    );
    const vi = notes('vi', 64);
    expect(vi[0]).toMatch(
      /^N = 64 quá nhỏ để ước lượng Tự chủ \(S\), Giám sát \(S\), Nguồn lực \(S\), .*0,3 của thang 0–1/,
    );
    expect(vi[0]).toContain('N = 256 trở lên');
  });

  it('N = 1024: no too-small warning; without bootstrap, says nothing can be judged', () => {
    expect(notes('en', 1024).some((l) => l.includes('too small'))).toBe(false);
    expect(notes('en', 64, 0)).toEqual([
      'Without bootstrap resamples there are no intervals, so whether N is large enough cannot be judged.',
    ]);
  });
});
