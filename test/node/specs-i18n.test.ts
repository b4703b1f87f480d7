import { describe, expect, it } from 'vitest';
import { loadBundled } from '../../sim/context.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { finalKeys } from '../../sim/experiment/experiment.ts';
import { MODELS } from '../../sim/models.ts';
import en from '../../viz/i18n/en.json' with { type: 'json' };
import vi from '../../viz/i18n/vi.json' with { type: 'json' };
import { format, initialLang, translate } from '../../viz/i18n/index.ts';
import { groupsOf } from '../../viz/views/levers.ts';
import { RESERVED } from '../../viz/share/url.ts';

/** Keys whose text is the same in both languages on purpose (a name, file formats, a formula). */
const SAME_IN_BOTH = new Set(['app.title', 'chart.exportSvg', 'chart.exportPng', 'compare.diff']);

describe('locale files', () => {
  it('en.json and vi.json have the same keys', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
  });
  it('Vietnamese values are not copies of the English ones', () => {
    const copies = Object.keys(en).filter(
      (k) => !SAME_IN_BOTH.has(k) && (en as Record<string, string>)[k] === (vi as Record<string, string>)[k],
    );
    expect(copies).toEqual([]);
  });
  it('every value is non-empty and both languages use the same {placeholders}', () => {
    for (const [k, v] of Object.entries(en as Record<string, string>)) {
      const w = (vi as Record<string, string>)[k]!;
      expect(v.trim(), k).not.toBe('');
      expect(w.trim(), k).not.toBe('');
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(w), k).toEqual(names(v));
    }
  });
  it('every governance metric has a label and every parameter group a title (other models fall back to the metric name)', () => {
    for (const m of MODELS.governance!.metrics) expect(en, `metric.${m.name}`).toHaveProperty([`metric.${m.name}`]);
    for (const model of Object.values(MODELS)) {
      for (const { group } of groupsOf(model.params)) expect(en, `group.${group}`).toHaveProperty([`group.${group}`]);
    }
    for (const k of finalKeys(MODELS.governance!)) expect(en, `metric.${k}`).toHaveProperty([`metric.${k}`]);
  });
  it('every parameter unit in the registries has a translation', () => {
    for (const model of Object.values(MODELS)) {
      for (const p of model.params) if (p.unit) expect(vi, `unit.${p.unit}`).toHaveProperty([`unit.${p.unit}`]);
    }
  });
  it('every registry parameter and metric has a description in English and in Vietnamese', () => {
    for (const model of Object.values(MODELS)) {
      for (const x of [...model.params, ...model.metrics]) {
        expect(x.description.en.trim(), x.name).not.toBe('');
        expect(x.description.vi.trim(), x.name).not.toBe('');
      }
    }
  });
  it('every event code a vn34-2025 run logs has a message in both files', () => {
    const run = runScenario(MODELS.governance!, loadBundled('vn34-2025'), {
      seed: 1,
      replicate: 0,
      cycles: 50,
      events: true,
    });
    const codes = [...new Set(run.events!.map((e) => e.code))];
    expect(codes.length).toBeGreaterThan(5);
    for (const c of codes) expect(en, c).toHaveProperty([`event.${c}`]);
  });
  it('no registry parameter is named like a reserved share-link key', () => {
    for (const model of Object.values(MODELS)) for (const p of model.params) expect(RESERVED).not.toContain(p.name);
  });
});

describe('translate', () => {
  it('translate("vi", "control.cycle", {cycle: 3, cycles: 50}) fills placeholders in Vietnamese', () => {
    expect(translate('vi', 'control.cycle', { cycle: 3, cycles: 50 })).toBe('Chu kỳ 3/50');
  });
  it('format leaves an unknown placeholder visible', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
  it('initialLang prefers the remembered choice, then the browser languages, then English', () => {
    expect(initialLang({ getItem: () => 'vi' }, ['en-GB'])).toBe('vi');
    expect(initialLang({ getItem: () => null }, ['vi-VN', 'en'])).toBe('vi');
    expect(initialLang(null, ['fr', 'en-US'])).toBe('en');
    expect(initialLang(null, ['fr'])).toBe('en');
  });
});
