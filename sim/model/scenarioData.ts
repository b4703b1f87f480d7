import type { Issue } from '../engine/errors.ts';
import type { ParamSpec, Params, ScenarioEvent } from '../engine/model.ts';
import { checkParam } from '../engine/params.ts';
import { ENDS, TYPES, WAYS } from './types.ts';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const PROVINCE_KEYS = [
  'id',
  'name',
  'ascii',
  'flags',
  'region',
  'pop',
  'area',
  'openness',
  'capacity',
  'primaryType',
  'note',
];
const PARTNER_KEYS = ['id', 'name', 'receptivity', 'sensitivity', 'affinity', 'channels', 'countries', 'sea', 'note'];
const FLAG = /^(M|C|B-[A-Z]{2}(,[A-Z]{2})*)$/;
const COUNTRY = /^[A-Z]{2}$/;

function unknownKeys(o: Record<string, unknown>, allowed: string[], path: string, issues: Issue[]): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k)) issues.push({ path: `${path}.${k}`, value: o[k], rule: 'is not a field here' });
}

function numberIn(
  o: Record<string, unknown>,
  key: string,
  lo: number,
  hi: number,
  path: string,
  issues: Issue[],
  optional = false,
): void {
  const v = o[key];
  if (v === undefined && optional) return;
  if (!finite(v) || v < lo || v > hi)
    issues.push({
      path: `${path}.${key}`,
      value: v,
      rule: `must be a number in [${lo}, ${hi === Infinity ? '∞' : hi}]`,
    });
}

/** A province's or partner's id: 1–40 of [a-z0-9-], not seen before in `seen` (which it joins). */
function uniqueId(id: unknown, path: string, seen: Set<string>, issues: Issue[]): void {
  if (typeof id !== 'string' || !/^[a-z0-9-]{1,40}$/.test(id))
    issues.push({ path, value: id, rule: 'must be 1–40 lowercase letters, digits or "-"' });
  else if (seen.has(id)) issues.push({ path, value: id, rule: 'must be unique' });
  else seen.add(id);
}

/** Validate the governance model's scenario data (provinces, partners) and its events. */
export function validateGovernanceData(
  data: Record<string, unknown>,
  events: readonly ScenarioEvent[],
  params: Params,
  registry: readonly ParamSpec[],
  issues: Issue[],
): void {
  const provinces = data.provinces;
  const ids = new Set<string>();
  if (!Array.isArray(provinces) || provinces.length < 2 || provinces.length > 200) {
    issues.push({ path: 'provinces', value: provinces, rule: 'must be an array of 2–200 provinces' });
  } else {
    provinces.forEach((pr, i) => {
      const path = `provinces[${i}]`;
      if (!isObj(pr)) return void issues.push({ path, value: pr, rule: 'must be an object' });
      unknownKeys(pr, PROVINCE_KEYS, path, issues);
      uniqueId(pr.id, `${path}.id`, ids, issues);
      for (const key of ['name', 'ascii', 'region']) {
        if (typeof pr[key] !== 'string' || (pr[key] as string).length === 0 || (pr[key] as string).length > 80)
          issues.push({ path: `${path}.${key}`, value: pr[key], rule: 'must be a text of 1–80 characters' });
      }
      if (!Array.isArray(pr.flags) || !pr.flags.every((f) => typeof f === 'string' && FLAG.test(f))) {
        issues.push({ path: `${path}.flags`, value: pr.flags, rule: 'must be a list of "M", "C" or "B-XX[,YY]"' });
      }
      numberIn(pr, 'pop', 1, 1e9, path, issues);
      numberIn(pr, 'area', 1, 1e7, path, issues);
      numberIn(pr, 'openness', 0, 1, path, issues, true);
      numberIn(pr, 'capacity', 0, 1, path, issues, true);
      if (
        pr.primaryType !== undefined &&
        !(typeof pr.primaryType === 'string' && (TYPES as readonly string[]).includes(pr.primaryType))
      ) {
        issues.push({
          path: `${path}.primaryType`,
          value: pr.primaryType,
          rule: `must be one of ${TYPES.join(' | ')}`,
        });
      }
    });
  }
  const partners = data.partners;
  const partnerIds = new Set<string>();
  if (!Array.isArray(partners) || partners.length < 1 || partners.length > 30) {
    issues.push({ path: 'partners', value: partners, rule: 'must be an array of 1–30 partners' });
  } else {
    partners.forEach((pa, j) => {
      const path = `partners[${j}]`;
      if (!isObj(pa)) return void issues.push({ path, value: pa, rule: 'must be an object' });
      unknownKeys(pa, PARTNER_KEYS, path, issues);
      uniqueId(pa.id, `${path}.id`, partnerIds, issues);
      if (!isObj(pa.name) || typeof pa.name.en !== 'string' || typeof pa.name.vi !== 'string')
        issues.push({ path: `${path}.name`, value: pa.name, rule: 'must be { "en": text, "vi": text }' });
      numberIn(pa, 'receptivity', 0, 1, path, issues);
      numberIn(pa, 'sensitivity', 0, 1, path, issues);
      for (const [key, names] of [
        ['affinity', TYPES],
        ['channels', WAYS],
      ] as const) {
        const v = pa[key];
        if (!isObj(v))
          issues.push({ path: `${path}.${key}`, value: v, rule: `must be an object with ${names.join(', ')}` });
        else {
          unknownKeys(v, [...names], `${path}.${key}`, issues);
          for (const nm of names) numberIn(v, nm, 0, 1, `${path}.${key}`, issues);
        }
      }
      const c = pa.countries;
      if (
        c !== undefined &&
        (!Array.isArray(c) ||
          c.length === 0 ||
          !c.every((x) => typeof x === 'string' && COUNTRY.test(x)) ||
          new Set(c).size !== c.length)
      ) {
        issues.push({
          path: `${path}.countries`,
          value: c,
          rule: 'must be a non-empty list of distinct 2-letter upper-case country codes (as in the B-XX flags)',
        });
      }
      if (pa.sea !== undefined && typeof pa.sea !== 'boolean')
        issues.push({ path: `${path}.sea`, value: pa.sea, rule: 'must be true or false' });
    });
  }

  // Cross-field rules of the parameters.
  const wn = params.weightNational as number;
  const wt = params.weightType as number;
  if (wn + wt > 1)
    issues.push({
      path: 'params.weightType',
      value: wt,
      rule: `weightNational + weightType must be ≤ 1 (weightNational is ${wn})`,
    });
  if ((params.interactions as number) > (params.dimensions as number) - 1)
    issues.push({
      path: 'params.interactions',
      value: params.interactions,
      rule: `must be ≤ dimensions − 1 (${(params.dimensions as number) - 1})`,
    });
  if ((params.explorationMin as number) > (params.explorationMax as number))
    issues.push({
      path: 'params.explorationMin',
      value: params.explorationMin,
      rule: `must be ≤ explorationMax (${params.explorationMax})`,
    });

  events.forEach((e, i) => validateEvent(e, i, ids, partnerIds, registry, issues));
}

const EVENT_KEYS: Record<string, string[]> = {
  shock: ['target', 'magnitude'],
  window: ['partner', 'length'],
  setParam: ['param', 'value'],
  goalShift: ['goals'],
  directive: ['target', 'emphasis', 'strength', 'duration'],
};

function validateEvent(
  e: ScenarioEvent,
  i: number,
  provinceIds: Set<string>,
  partnerIds: Set<string>,
  registry: readonly ParamSpec[],
  issues: Issue[],
): void {
  const path = `events[${i}]`;
  const keys = EVENT_KEYS[e.kind];
  if (!keys) return; // the kind itself is reported by the scenario parser
  unknownKeys(e, ['cycle', 'kind', 'note', ...keys], path, issues);
  const targetOk = (t: unknown) =>
    t === 'all' || (typeof t === 'string' && ((TYPES as readonly string[]).includes(t) || provinceIds.has(t)));
  switch (e.kind) {
    case 'shock':
      if (!(typeof e.target === 'string' && (TYPES as readonly string[]).includes(e.target)))
        issues.push({
          path: `${path}.target`,
          value: e.target,
          rule: `must be a province type (${TYPES.join(' | ')})`,
        });
      numberIn(e, 'magnitude', 0, 1, path, issues, true);
      break;
    case 'window':
      if (typeof e.partner !== 'string' || !partnerIds.has(e.partner))
        issues.push({ path: `${path}.partner`, value: e.partner, rule: 'must be the id of a partner' });
      if (
        e.length !== undefined &&
        (!Number.isInteger(e.length) || (e.length as number) < 1 || (e.length as number) > 20)
      )
        issues.push({ path: `${path}.length`, value: e.length, rule: 'must be a whole number in [1, 20]' });
      break;
    case 'setParam': {
      const spec = registry.find((p) => p.name === e.param);
      if (!spec) issues.push({ path: `${path}.param`, value: e.param, rule: 'must name a parameter' });
      else if (
        !spec.lever &&
        ![
          'mobilization',
          'nonStateEngagement',
          'peerImitation',
          'capacityBudget',
          'guidanceDelay',
          'lineScope',
          'steering',
        ].includes(spec.name)
      ) {
        issues.push({ path: `${path}.param`, value: e.param, rule: 'must be a lever that may change during a run' });
      } else {
        const rule = checkParam(spec, e.value);
        if (rule) issues.push({ path: `${path}.value`, value: e.value, rule });
      }
      break;
    }
    case 'goalShift': {
      const g = e.goals;
      if (!isObj(g))
        issues.push({
          path: `${path}.goals`,
          value: g,
          rule: 'must be { "security", "development", "prestige" } weights',
        });
      else {
        unknownKeys(g, [...ENDS], `${path}.goals`, issues);
        for (const k of ENDS) numberIn(g, k, 0, 1, `${path}.goals`, issues);
        if (ENDS.every((k) => finite(g[k])) && ENDS.reduce((s, k) => s + (g[k] as number), 0) <= 0)
          issues.push({ path: `${path}.goals`, value: g, rule: 'must have a positive sum' });
      }
      break;
    }
    case 'directive':
      if (!targetOk(e.target))
        issues.push({
          path: `${path}.target`,
          value: e.target,
          rule: 'must be "all", a province type or a province id',
        });
      if (typeof e.emphasis !== 'string' || !(ENDS as readonly string[]).includes(e.emphasis))
        issues.push({ path: `${path}.emphasis`, value: e.emphasis, rule: `must be one of ${ENDS.join(' | ')}` });
      numberIn(e, 'strength', 0, 1, path, issues);
      if (
        e.duration !== undefined &&
        (!Number.isInteger(e.duration) || (e.duration as number) < 1 || (e.duration as number) > 50)
      )
        issues.push({ path: `${path}.duration`, value: e.duration, rule: 'must be a whole number in [1, 50]' });
      break;
  }
}
