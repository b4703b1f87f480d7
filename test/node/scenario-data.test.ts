import { describe, expect, it } from 'vitest';
import { bundledContext } from '../../sim/context.ts';
import { ScenarioError, formatIssue } from '../../sim/engine/errors.ts';
import { parseScenario } from '../../sim/engine/scenario.ts';
import { BUNDLED_SCENARIOS } from '../../sim/scenarios.ts';

type Province = { id: string; flags: string[]; capacity?: number; primaryType?: string; note?: string };
type Partner = { id: string; countries?: string[]; sea?: boolean };

const vn34 = BUNDLED_SCENARIOS['vn34-2025'] as Record<string, any>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const provinces = vn34.provinces as Province[];
const partners = vn34.partners as Partner[];

function issuesOf(raw: unknown): string[] {
  try {
    parseScenario(raw, bundledContext);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map(formatIssue);
    throw e;
  }
  return [];
}

/**
 * PCI 2022 of each unit, as documented in vn34-2025's meta and notes: the equal-weight mean of its
 * predecessors' cited scores when at least half are cited ('cited'), else the median of the cited unit
 * values ('median').
 */
const PCI: Record<string, [number, 'cited' | 'median']> = {
  'ha-noi': [66.6, 'median'],
  hue: [69.36, 'cited'],
  'hai-phong': [70.76, 'cited'],
  'da-nang': [68.52, 'cited'],
  'ho-chi-minh': [66.6, 'median'],
  'can-tho': [66.6, 'median'],
  'lai-chau': [66.6, 'median'],
  'dien-bien': [59.85, 'cited'],
  'son-la': [66.6, 'median'],
  'lao-cai': [66.6, 'median'],
  'tuyen-quang': [64.39, 'cited'],
  'cao-bang': [59.58, 'cited'],
  'lang-son': [66.6, 'median'],
  'quang-ninh': [72.95, 'cited'],
  'thai-nguyen': [66.6, 'median'],
  'phu-tho': [67.605, 'cited'],
  'bac-ninh': [70.94, 'cited'],
  'hung-yen': [66.6, 'median'],
  'ninh-binh': [66.6, 'median'],
  'thanh-hoa': [63.67, 'cited'],
  'nghe-an': [66.6, 'cited'],
  'ha-tinh': [66.6, 'median'],
  'quang-tri': [61.26, 'cited'],
  'quang-ngai': [66.6, 'median'],
  'gia-lai': [66.6, 'median'],
  'dak-lak': [66.6, 'median'],
  'khanh-hoa': [65.43, 'cited'],
  'lam-dong': [66.6, 'median'],
  'dong-nai': [64.995, 'cited'],
  'tay-ninh': [68.45, 'cited'],
  'vinh-long': [66.6, 'median'],
  'dong-thap': [69.68, 'cited'],
  'an-giang': [62.24, 'cited'],
  'ca-mau': [66.6, 'median'],
};
const values = Object.values(PCI).map(([v]) => v);
const lo = Math.min(...values);
const hi = Math.max(...values);
const mapping = (pci: number) => Math.round((0.3 + (0.5 * (pci - lo)) / (hi - lo)) * 1000) / 1000;

describe('vn34-2025 data', () => {
  it('holds a PCI value for each of the 34 units and no other', () => {
    expect(Object.keys(PCI).sort()).toEqual(provinces.map((p) => p.id).sort());
    expect([lo, hi]).toEqual([59.58, 72.95]);
  });

  it('gives the units without enough cited predecessors the median of the cited ones', () => {
    const cited = Object.values(PCI)
      .filter(([, how]) => how === 'cited')
      .map(([v]) => v)
      .sort((a, b) => a - b);
    expect(cited).toHaveLength(17);
    const median = cited[(cited.length - 1) / 2];
    for (const [id, [v, how]] of Object.entries(PCI)) if (how === 'median') expect(v, id).toBe(median);
  });

  it('maps PCI to capacity in [0.3, 0.8] exactly as documented, and each note states its PCI', () => {
    for (const p of provinces) {
      const [pci] = PCI[p.id]!;
      expect(p.capacity, p.id).toBe(mapping(pci));
      expect(p.capacity!, p.id).toBeGreaterThanOrEqual(0.3);
      expect(p.capacity!, p.id).toBeLessThanOrEqual(0.8);
      expect(p.note, p.id).toContain(`PCI 2022 ${pci}`);
    }
    expect(provinces.find((p) => p.id === 'cao-bang')!.capacity).toBe(0.3);
    expect(provinces.find((p) => p.id === 'quang-ninh')!.capacity).toBe(0.8);
    const meta = vn34.meta as { sources: string[] };
    expect(meta.sources.join(' ')).toContain('capacity = 0.3 + 0.5 * (PCI - min) / (max - min)');
  });

  it('names the two primary-type overrides, with their reason in the note', () => {
    const overridden = provinces.filter((p) => p.primaryType !== undefined);
    expect(overridden.map((p) => [p.id, p.primaryType])).toEqual([
      ['dong-nai', 'interior'],
      ['tay-ninh', 'interior'],
    ]);
    for (const p of overridden) expect(p.note).toMatch(/primaryType interior: an industrial\/FDI hub/);
  });

  it('splits the western land neighbours and gives each land neighbour the codes of the border flags', () => {
    expect(partners.map((p) => p.id)).toEqual([
      'china',
      'laos',
      'cambodia',
      'maritime',
      'east-asia-investors',
      'western-partners',
      'asean',
      'diaspora',
    ]);
    expect(Object.fromEntries(partners.filter((p) => p.countries).map((p) => [p.id, p.countries]))).toEqual({
      china: ['CN'],
      laos: ['LA'],
      cambodia: ['KH'],
    });
    expect(partners.filter((p) => p.sea).map((p) => p.id)).toEqual(['maritime']);
    const bordered = new Set(
      provinces.flatMap((p) => p.flags.filter((f) => f.startsWith('B-')).flatMap((f) => f.slice(2).split(','))),
    );
    expect([...bordered].sort()).toEqual(['CN', 'KH', 'LA']);
  });
});

describe('validation of countries, sea and primaryType', () => {
  const cases: [string, (r: Record<string, any>) => void, string][] = [
    [
      'a province id used twice',
      (r) => {
        r.provinces[1].id = r.provinces[0].id;
      },
      `provinces[1].id: must be unique (got "${provinces[0]!.id}")`,
    ],
    [
      'a partner id not of [a-z0-9-]',
      (r) => {
        r.partners[1].id = 'China';
      },
      'partners[1].id: must be 1–40 lowercase letters, digits or "-" (got "China")',
    ],
    [
      'a partner id used twice',
      (r) => {
        r.partners[2].id = r.partners[0].id;
      },
      `partners[2].id: must be unique (got "${partners[0]!.id}")`,
    ],
    [
      'countries not a list',
      (r) => {
        r.partners[0].countries = 'CN';
      },
      'partners[0].countries: must be a non-empty list of distinct 2-letter upper-case country codes (as in the B-XX flags) (got "CN")',
    ],
    [
      'countries empty',
      (r) => {
        r.partners[0].countries = [];
      },
      'partners[0].countries: must be a non-empty list of distinct 2-letter upper-case country codes (as in the B-XX flags) (got [])',
    ],
    [
      'countries lower case',
      (r) => {
        r.partners[1].countries = ['la'];
      },
      'partners[1].countries: must be a non-empty list of distinct 2-letter upper-case country codes (as in the B-XX flags) (got ["la"])',
    ],
    [
      'countries three letters',
      (r) => {
        r.partners[2].countries = ['KHM'];
      },
      'partners[2].countries: must be a non-empty list of distinct 2-letter upper-case country codes (as in the B-XX flags) (got ["KHM"])',
    ],
    [
      'countries repeated',
      (r) => {
        r.partners[0].countries = ['CN', 'CN'];
      },
      'partners[0].countries: must be a non-empty list of distinct 2-letter upper-case country codes (as in the B-XX flags) (got ["CN","CN"])',
    ],
    [
      'countries not text',
      (r) => {
        r.partners[0].countries = [86];
      },
      'partners[0].countries: must be a non-empty list of distinct 2-letter upper-case country codes (as in the B-XX flags) (got [86])',
    ],
    [
      'sea not boolean',
      (r) => {
        r.partners[3].sea = 'yes';
      },
      'partners[3].sea: must be true or false (got "yes")',
    ],
    [
      'sea a number',
      (r) => {
        r.partners[3].sea = 1;
      },
      'partners[3].sea: must be true or false (got 1)',
    ],
    [
      'primaryType unknown',
      (r) => {
        r.provinces[28].primaryType = 'industrial';
      },
      'provinces[28].primaryType: must be one of border | coastal | city | interior (got "industrial")',
    ],
    [
      'primaryType not text',
      (r) => {
        r.provinces[0].primaryType = 3;
      },
      'provinces[0].primaryType: must be one of border | coastal | city | interior (got 3)',
    ],
  ];
  for (const [what, spoil, expected] of cases) {
    it(`reports ${what} by field and value`, () => {
      const raw = clone(vn34);
      spoil(raw);
      expect(issuesOf(raw)).toEqual([expected]);
    });
  }

  it('accepts the fields absent, and every allowed value', () => {
    const raw = clone(vn34);
    for (const p of raw.partners) {
      delete p.countries;
      delete p.sea;
    }
    for (const p of raw.provinces) delete p.primaryType;
    expect(issuesOf(raw)).toEqual([]);
    for (const t of ['border', 'coastal', 'city', 'interior']) {
      const r = clone(vn34);
      r.provinces[0].primaryType = t;
      r.partners[0].countries = ['CN', 'LA', 'KH'];
      r.partners[3].sea = false;
      expect(issuesOf(r), t).toEqual([]);
    }
  });
});
