import { interpolateCividis } from 'd3';
import { describe, expect, it } from 'vitest';
import { runsToCsv, runOutputJson } from '../../viz/export/results.ts';
import { eventCodeLabel, eventLogLines } from '../../viz/specs/eventLog.ts';
import { paramName, textContext } from '../../viz/exercise/text.ts';
import { translate, type Lang } from '../../viz/i18n/index.ts';
import { GOVERNANCE_PARAMS } from '../../sim/model/params.ts';
import { planeSpec } from '../../viz/specs/plane.ts';
import { countByStage, policyCycleSpec } from '../../viz/specs/policyCycle.ts';
import { resultsTableSpec } from '../../viz/specs/results.ts';
import { yDomain } from '../../viz/specs/scale.ts';
import { wrapText } from '../../viz/specs/text.ts';
import { inkOn, tilesSpec } from '../../viz/specs/tiles.ts';
import { replicateBands, timeSeriesSpec } from '../../viz/specs/timeSeries.ts';

describe('replicateBands', () => {
  it('replicateBands([[1, 2, 3], [3, 0], [2, 4, 5]]) gives per-cycle mean, min, max and n (a stopped replicate drops out)', () => {
    expect(
      replicateBands([
        [1, 2, 3],
        [3, 0],
        [2, 4, 5],
      ]),
    ).toEqual({ mean: [2, 2, 4], lo: [1, 0, 3], hi: [3, 4, 5], n: [3, 3, 2] });
  });
});

describe('yDomain', () => {
  it('uses registry bounds when both are known', () => {
    expect(yDomain([0.2, 0.5], { min: 0, max: 1 })).toEqual([0, 1]);
  });
  it("widens to a non-negative metric's minimum and rounds outward to nice ticks", () => {
    expect(yDomain([0.016, 0.022], { min: 0 })).toEqual([0, 0.025]);
  });
  it('pads a constant series', () => {
    expect(yDomain([2, 2])).toEqual([1.8, 2.2]);
  });
});

describe('timeSeriesSpec', () => {
  it('timeSeriesSpec(two metrics with bands) gives points, bands and a data table with one row per cycle', () => {
    const spec = timeSeriesSpec({
      id: 'ci',
      title: 'C and I',
      xLabel: 'Cycle',
      yLabel: 'Level',
      cycles: 3,
      bounds: { min: 0, max: 1 },
      cycleLabel: 'Cycle',
      bandLabel: 'Range',
      series: [
        {
          key: 'coherence',
          label: 'Coherence',
          color: '#0072B2',
          values: [0.5, 0.6],
          band: { lo: [0.4, 0.5], hi: [0.7, 0.8] },
        },
        { key: 'innovation', label: 'Innovation', color: '#E69F00', values: [0.1, 0.2] },
      ],
    });
    expect(spec).toEqual({
      id: 'ci',
      width: 640,
      height: 280,
      title: 'C and I',
      xLabel: 'Cycle',
      yLabel: 'Level',
      x: [0, 3],
      y: [0, 1],
      series: [
        {
          key: 'coherence',
          label: 'Coherence',
          color: '#0072B2',
          dash: '',
          faint: false,
          points: [
            [1, 0.5],
            [2, 0.6],
          ],
          band: [
            [1, 0.4, 0.7],
            [2, 0.5, 0.8],
          ],
        },
        {
          key: 'innovation',
          label: 'Innovation',
          color: '#E69F00',
          dash: '',
          faint: false,
          points: [
            [1, 0.1],
            [2, 0.2],
          ],
          band: [],
        },
      ],
      bandLabel: 'Range',
      table: {
        caption: 'C and I',
        columns: ['Cycle', 'Coherence', 'Coherence ↓', 'Coherence ↑', 'Innovation'],
        rows: [
          [1, 0.5, 0.4, 0.7, 0.1],
          [2, 0.6, 0.5, 0.8, 0.2],
        ],
      },
    });
  });
});

describe('planeSpec', () => {
  it('planeSpec(trajectory of 3 cycles) marks the start and the latest point', () => {
    const spec = planeSpec({
      id: 'plane',
      title: 'Plane',
      xLabel: 'C',
      yLabel: 'I',
      color: '#0072B2',
      xs: [0.8, 0.7, 0.75],
      ys: [0.4, 0.5, 0.6],
      others: [{ x: 0.7, y: 0.3 }],
      cycleLabel: 'Cycle',
      startLabel: 'Start',
      nowLabel: 'Now',
      othersLabel: 'Others',
    });
    expect(spec).toEqual({
      id: 'plane',
      title: 'Plane',
      xLabel: 'C',
      yLabel: 'I',
      x: [0, 1],
      y: [0, 1],
      color: '#0072B2',
      path: [
        [0.8, 0.4],
        [0.7, 0.5],
        [0.75, 0.6],
      ],
      start: [0.8, 0.4],
      end: [0.75, 0.6],
      others: [[0.7, 0.3]],
      labels: { start: 'Start', now: 'Now', others: 'Others' },
      table: {
        caption: 'Plane',
        columns: ['Cycle', 'C', 'I'],
        rows: [
          [1, 0.8, 0.4],
          [2, 0.7, 0.5],
          [3, 0.75, 0.6],
        ],
      },
    });
  });
});

describe('tilesSpec', () => {
  const groups = [
    { key: 'border', label: 'Border' },
    { key: 'city', label: 'Centrally-run city' },
  ];
  it('tilesSpec(numbers) lays tiles out by type, colours them on cividis and picks readable ink', () => {
    const spec = tilesSpec({
      id: 'tiles',
      title: 'T',
      metricLabel: 'Trust',
      nameLabel: 'Province',
      typeLabel: 'Type',
      groups,
      perRow: 2,
      units: [
        { id: 'a', name: 'A', type: 'border', value: 0 },
        { id: 'b', name: 'B', type: 'border', value: 1 },
        { id: 'c', name: 'C', type: 'border', value: 0.5 },
        { id: 'd', name: 'D', type: 'city', value: 1 },
      ],
    });
    expect(spec.tiles.map((t) => [t.id, t.x, t.y, t.fill, t.ink])).toEqual([
      ['a', 104, 8, interpolateCividis(0), '#ffffff'],
      ['b', 182, 8, interpolateCividis(1), '#000000'],
      ['c', 104, 42, interpolateCividis(0.5), '#000000'],
      ['d', 104, 86, interpolateCividis(1), '#000000'],
    ]);
    expect(spec.groups).toEqual([
      { key: 'border', label: 'Border', lines: ['Border'], x: 0, y: 23 },
      { key: 'city', label: 'Centrally-run city', lines: ['Centrally-run', 'city'], x: 0, y: 101 },
    ]);
    expect(spec.width).toBe(260);
    expect(spec.height).toBe(130 + 44);
    expect(spec.legend).toMatchObject({ kind: 'sequential', domain: [0, 1], label: 'Trust' });
    expect(spec.table).toEqual({
      caption: 'T',
      columns: ['Province', 'Type', 'Trust'],
      rows: [
        ['A', 'Border', 0],
        ['B', 'Border', 1],
        ['C', 'Border', 0.5],
        ['D', 'Centrally-run city', 1],
      ],
    });
  });
  it('tilesSpec(categories) uses fixed colours and translated labels', () => {
    const spec = tilesSpec({
      id: 'tiles',
      title: 'T',
      metricLabel: 'Status',
      nameLabel: 'Province',
      typeLabel: 'Type',
      groups,
      units: [
        { id: 'a', name: 'A', type: 'border', value: 'pilot' },
        { id: 'b', name: 'B', type: 'city', value: 'authorized' },
      ],
      categories: { authorized: 'Within authority', pilot: 'Running a pilot' },
    });
    expect(spec.legend).toEqual({
      kind: 'categorical',
      label: 'Status',
      items: [
        { key: 'authorized', label: 'Within authority', color: '#56B4E9' },
        { key: 'pilot', label: 'Running a pilot', color: '#F0E442' },
      ],
    });
    expect(spec.table.rows).toEqual([
      ['A', 'Border', 'Running a pilot'],
      ['B', 'Centrally-run city', 'Within authority'],
    ]);
  });
  it('inkOn picks black on light fills and white on dark ones', () => {
    expect([inkOn('#ffffff'), inkOn('#000000'), inkOn('#0072B2'), inkOn('#F0E442')]).toEqual([
      '#000000',
      '#ffffff',
      '#ffffff',
      '#000000',
    ]);
  });
});

describe('policyCycleSpec', () => {
  it('wrapText("Resource allocation and planning", 14) breaks at spaces', () => {
    expect(wrapText('Resource allocation and planning', 14)).toEqual(['Resource', 'allocation and', 'planning']);
  });
  it('countByStage maps event codes to the five stages and the centre', () => {
    expect(
      countByStage(['shock', 'plan', 'pilot.proposed', 'pilot.approved', 'fenceBreak', 'incident', 'nonsense']),
    ).toEqual([1, 0, 1, 1, 2, 1]);
  });
  it('policyCycleSpec puts five stages on a circle clockwise from the top and marks the running one', () => {
    const spec = policyCycleSpec({
      title: 'Cycle',
      stages: ['a', 'b', 'c', 'd', 'e'],
      centreLabel: 'Centre',
      active: 2,
      counts: [1, 0, 0, 0, 3, 2],
      stageLabel: 'Stage',
      countLabel: 'Events',
    });
    expect(spec.nodes.map((n) => [n.x, n.y, n.active, n.count])).toEqual([
      [210, 45, false, 1],
      [324.1, 127.9, false, 0],
      [280.5, 262.1, true, 0],
      [139.5, 262.1, false, 0],
      [95.9, 127.9, false, 3],
    ]);
    expect(spec.centre).toEqual({ lines: ['Centre'], x: 210, y: 165, r: 50, active: false, count: 2 });
    expect(spec.arrows).toHaveLength(5);
    expect(spec.table.rows).toEqual([
      ['a', 1],
      ['b', 0],
      ['c', 0],
      ['d', 0],
      ['e', 3],
      ['Centre', 2],
    ]);
  });
});

describe('eventLogLines', () => {
  const messages: Record<string, string> = {
    'event.pilot.approved': "The centre approves {province}'s pilot #{id}.",
    'event.window.open': '{partner} opens a window for {length} cycles.',
    'event.scaleUp': 'Scale-up into the {group} line from {origin}.',
    'event.directive': 'A directive tells {target} to emphasise {emphasis}.',
    'event.unknown': '{code} ({args})',
    'event.allProvinces': 'all provinces',
    'type.border': 'Border',
    'origin.pilot': 'a pilot',
    'end.security': 'security',
  };
  const ctx = {
    t: (k: string, vars: Record<string, string | number> = {}) =>
      (messages[k] ?? k).replace(/\{(\w+)\}/g, (w, n: string) => String(vars[n] ?? w)),
    has: (k: string) => k in messages,
    names: { province: { 'ha-noi': 'Hà Nội' }, partner: { asean: 'ASEAN' } },
    num: (v: number) => String(v),
  };
  it('eventLogLines renders codes from messages with ids turned into names', () => {
    expect(
      eventLogLines(
        [
          { cycle: 3, code: 'pilot.approved', args: { province: 'ha-noi', id: 7 } },
          { cycle: 4, code: 'window.open', args: { partner: 'asean', length: 3 } },
          { cycle: 5, code: 'scaleUp', args: { group: 'border', origin: 'pilot', province: 'ha-noi', features: 2 } },
          { cycle: 6, code: 'directive', args: { target: 'all', emphasis: 'security' } },
          { cycle: 7, code: 'mystery', args: { province: '<b>x</b>' } },
        ],
        ctx,
      ),
    ).toEqual([
      { cycle: 3, code: 'pilot.approved', text: "The centre approves Hà Nội's pilot #7." },
      { cycle: 4, code: 'window.open', text: 'ASEAN opens a window for 3 cycles.' },
      { cycle: 5, code: 'scaleUp', text: 'Scale-up into the Border line from a pilot.' },
      { cycle: 6, code: 'directive', text: 'A directive tells all provinces to emphasise security.' },
      { cycle: 7, code: 'mystery', text: 'mystery (province=<b>x</b>)' },
    ]);
  });
});

describe('event log in plain names (both languages)', () => {
  const appCtx = (lang: Lang) => {
    const c = textContext(lang, {});
    return {
      t: (k: string, v?: Record<string, string | number>) => translate(lang, k, v),
      has: (k: string) => translate(lang, k) !== k,
      names: c.names,
      num: (v: number) => c.num(v, 3),
      param: (n: string) => paramName(lang, n),
    };
  };
  it("a lever change reads with the lever's name, never its registry name; a choice value in words", () => {
    const events = [
      { cycle: 2, code: 'setParam', args: { param: 'approvalStrictness', value: 0.2 } },
      { cycle: 3, code: 'setParam', args: { param: 'capacityBudget', value: 0.05 } },
      { cycle: 4, code: 'setParam', args: { param: 'steering', value: 'plan' } },
    ];
    expect(eventLogLines(events, appCtx('en')).map((l) => l.text)).toEqual([
      'Approval strictness set to 0.2.',
      'Capacity-building budget set to 0.05.',
      'Steering set to by plan.',
    ]);
    expect(eventLogLines(events, appCtx('vi')).map((l) => l.text)).toEqual([
      'Mức chặt chẽ phê duyệt được đặt thành 0,2.',
      `${paramName('vi', 'capacityBudget')} được đặt thành 0,05.`,
      'Điều tiết được đặt thành theo kế hoạch.',
    ]);
  });
  it('every parameter a scenario event may change has a name in both languages', () => {
    const midRun = [
      'mobilization',
      'nonStateEngagement',
      'peerImitation',
      'capacityBudget',
      'guidanceDelay',
      'lineScope',
      'steering',
    ];
    for (const p of GOVERNANCE_PARAMS.filter((q) => q.lever || midRun.includes(q.name))) {
      for (const lang of ['en', 'vi'] as const) expect(paramName(lang, p.name), `${p.name} ${lang}`).not.toBe(p.name);
    }
  });
  it('every event code the model logs has a human label for the filter, in both languages', () => {
    const codes = [
      'shock',
      'window.open',
      'window.missed',
      'track2.window',
      'track2.shock',
      'plan',
      'scaleUp',
      'pilot.proposed',
      'pilot.approved',
      'pilot.rejected',
      'pilot.succeeded',
      'pilot.failed',
      'fenceBreak',
      'legitimized',
      'sanction',
      'incident',
      'agreement.signed',
      'setParam',
      'goalShift',
      'directive',
    ];
    for (const lang of ['en', 'vi'] as const) {
      const ctx = appCtx(lang);
      for (const c of codes)
        expect(eventCodeLabel(c, ctx), `${c} ${lang}`).not.toMatch(/^[a-z]+([.A-Z][a-z0-9]*)*$|log\.code/);
    }
    expect(eventCodeLabel('pilot.approved', appCtx('en'))).toBe('Pilot approved');
    expect(eventCodeLabel('fenceBreak', appCtx('vi'))).toBe('"Xé rào" (vượt thẩm quyền)');
    expect(eventCodeLabel('mystery', appCtx('en'))).toBe('mystery');
  });
});

describe('results', () => {
  it("runsToCsv writes docs/formats.md's tidy CSV: replicate,seed,cycle,<metrics>, numbers as JSON writes them", () => {
    const csv = runsToCsv(
      [
        { replicate: 0, seed: 7, series: { a: [0.1, 1e-7], b: [1, 2] } },
        { replicate: 1, seed: 7, series: { a: [0.30000000000000004], b: [3] } },
      ],
      ['a', 'b'],
    );
    expect(csv).toBe('replicate,seed,cycle,a,b\n0,7,1,0.1,1\n0,7,2,1e-7,2\n1,7,1,0.30000000000000004,3\n');
  });
  it('runOutputJson writes { manifest, runs, summary } on one line, as the CLI does', () => {
    expect(runOutputJson({ summary: { x: 1 }, runs: [], manifest: { seed: 1 } })).toBe(
      '{"manifest":{"seed":1},"runs":[],"summary":{"x":1}}\n',
    );
  });
  it('resultsTableSpec lists every metric, then extra final values, with replicate 0, the mean and the CI', () => {
    const spec = resultsTableSpec({
      caption: 'Results',
      metrics: [
        { name: 'coherence', kind: 'level', group: 'c', description: { en: '', vi: '' } },
        { name: 'sanctions', kind: 'count', group: 'i', description: { en: '', vi: '' } },
      ],
      output: {
        runs: [{ status: 'ok', final: { coherence: 0.7, sanctions: 3, share: 0.5 } }],
        summary: {
          coherence: { mean: 0.72, ciLow: 0.7, ciHigh: 0.74 },
          sanctions: { mean: 3.5, ciLow: null, ciHigh: null },
        },
      },
      labels: { metric: 'Metric', kind: 'Kind', run0: 'R0', mean: 'Mean', ci: 'CI', level: 'level', count: 'count' },
      metricLabel: (n) => n.toUpperCase(),
    });
    expect(spec).toEqual({
      keys: ['coherence', 'sanctions', 'share'],
      table: {
        caption: 'Results',
        columns: ['Metric', 'Kind', 'R0', 'Mean', 'CI ↓', 'CI ↑'],
        rows: [
          ['COHERENCE', 'level', 0.7, 0.72, 0.7, 0.74],
          ['SANCTIONS', 'count', 3, 3.5, null, null],
          ['SHARE', '', 0.5, null, null, null],
        ],
      },
    });
  });
});
