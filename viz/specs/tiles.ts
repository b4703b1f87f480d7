import { interpolateCividis } from 'd3';
import { OKABE_ITO } from './palette.ts';
import { wrapText } from './text.ts';
import type { TableSpec } from './table.ts';

export interface TileUnit {
  id: string;
  name: string;
  type: string;
  value: number | string;
}

export interface TilesInput {
  id: string;
  title: string;
  metricLabel: string;
  units: readonly TileUnit[];
  /** Groups in display order: the unit types and their labels. */
  groups: readonly { key: string; label: string }[];
  /** Fixed colour domain for numeric values; else the values' extent. */
  domain?: [number, number];
  /** Labels of categorical values (e.g. a province's status). */
  categories?: Record<string, string>;
  nameLabel: string;
  typeLabel: string;
  perRow?: number;
}

export interface Tile {
  id: string;
  name: string;
  group: string;
  value: number | string;
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  /** Black or white, whichever reads better on the fill. */
  ink: string;
}

export interface TilesSpec {
  id: string;
  title: string;
  width: number;
  height: number;
  tiles: Tile[];
  groups: { key: string; label: string; lines: string[]; x: number; y: number }[];
  legend:
    | { kind: 'sequential'; domain: [number, number]; stops: { offset: number; color: string }[]; label: string }
    | { kind: 'categorical'; items: { key: string; label: string; color: string }[]; label: string };
  table: TableSpec;
}

export const TILE = { w: 74, h: 30, gap: 4, labelWidth: 104, top: 8, groupGap: 10, legendHeight: 44 } as const;
const CATEGORY_COLORS = [
  OKABE_ITO.sky,
  OKABE_ITO.yellow,
  OKABE_ITO.vermillion,
  OKABE_ITO.green,
  OKABE_ITO.purple,
  OKABE_ITO.blue,
];

/** Relative luminance (sRGB, WCAG) of a #rrggbb or rgb(r, g, b) colour. */
export function luminance(color: string): number {
  let rgb: number[];
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  if (m) rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    const h = color.replace('#', '');
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  const lin = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/** The ink (text colour) with the higher WCAG contrast on `fill`. */
export function inkOn(fill: string): string {
  const L = luminance(fill);
  return (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? '#000000' : '#ffffff';
}

/**
 * Units as tiles, one band per type (in `groups` order), coloured by one metric: a sequential
 * colour-blind-safe scale (cividis) for numbers, fixed Okabe–Ito colours for categories.
 */
export function tilesSpec(input: TilesInput): TilesSpec {
  const perRow = input.perRow ?? 7;
  const numeric = input.units.every((u) => typeof u.value === 'number');
  let lo = Infinity;
  let hi = -Infinity;
  if (numeric)
    for (const u of input.units) {
      lo = Math.min(lo, u.value as number);
      hi = Math.max(hi, u.value as number);
    }
  const domain: [number, number] =
    input.domain ?? (lo === Infinity ? [0, 1] : lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi]);
  const categories = numeric ? [] : [...new Set(input.units.map((u) => String(u.value)))].sort();
  const catColor = (v: string) => CATEGORY_COLORS[Math.max(0, categories.indexOf(v)) % CATEGORY_COLORS.length]!;
  const seqColor = (v: number) => {
    const t = domain[1] === domain[0] ? 0.5 : (v - domain[0]) / (domain[1] - domain[0]);
    return interpolateCividis(Math.max(0, Math.min(1, t)));
  };
  const tiles: Tile[] = [];
  const groups: TilesSpec['groups'] = [];
  let y = TILE.top;
  for (const g of input.groups) {
    const members = input.units.filter((u) => u.type === g.key);
    if (members.length === 0) continue;
    groups.push({ key: g.key, label: g.label, lines: wrapText(g.label, 15), x: 0, y: y + TILE.h / 2 });
    members.forEach((u, k) => {
      const fill = typeof u.value === 'number' ? seqColor(u.value) : catColor(String(u.value));
      tiles.push({
        id: u.id,
        name: u.name,
        group: g.key,
        value: u.value,
        x: TILE.labelWidth + (k % perRow) * (TILE.w + TILE.gap),
        y: y + Math.floor(k / perRow) * (TILE.h + TILE.gap),
        w: TILE.w,
        h: TILE.h,
        fill,
        ink: inkOn(fill),
      });
    });
    y += Math.ceil(members.length / perRow) * (TILE.h + TILE.gap) + TILE.groupGap;
  }
  const width = TILE.labelWidth + perRow * (TILE.w + TILE.gap);
  const legend: TilesSpec['legend'] = numeric
    ? {
        kind: 'sequential',
        domain,
        label: input.metricLabel,
        stops: Array.from({ length: 11 }, (_, i) => ({ offset: i / 10, color: interpolateCividis(i / 10) })),
      }
    : {
        kind: 'categorical',
        label: input.metricLabel,
        items: categories.map((c) => ({ key: c, label: input.categories?.[c] ?? c, color: catColor(c) })),
      };
  const groupLabel = Object.fromEntries(input.groups.map((g) => [g.key, g.label]));
  return {
    id: input.id,
    title: input.title,
    width,
    height: y + TILE.legendHeight,
    tiles,
    groups,
    legend,
    table: {
      caption: input.title,
      columns: [input.nameLabel, input.typeLabel, input.metricLabel],
      rows: tiles.map((t) => [
        t.name,
        groupLabel[t.group] ?? t.group,
        typeof t.value === 'string' ? (input.categories?.[t.value] ?? t.value) : t.value,
      ]),
    },
  };
}
