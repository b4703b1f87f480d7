/** Province types, in table order. A unit may carry several flags; its primary type decides its line and peers. */
export const TYPES = ['border', 'coastal', 'city', 'interior'] as const;
export type ProvinceType = (typeof TYPES)[number];
export const BORDER = 0;
export const COASTAL = 1;
export const CITY = 2;
export const INTERIOR = 3;

/** The ways of subnational diplomacy (ends–means–ways): agreements, trade/investment missions, cultural exchange. */
export const WAYS = ['agreements', 'missions', 'culture'] as const;
export const AGR = 0;
export const MIS = 1;
export const CUL = 2;

/** The ends: security, development, prestige. */
export const ENDS = ['security', 'development', 'prestige'] as const;

export interface ProvinceData {
  id: string;
  name: string;
  ascii: string;
  /** M = centrally-run city, C = coastal, B-XX = land border with country XX. */
  flags: string[];
  region: string;
  pop: number;
  area: number;
  openness?: number;
  capacity?: number;
}

export interface PartnerData {
  id: string;
  name: { en: string; vi: string };
  receptivity: number;
  sensitivity: number;
  affinity: Record<ProvinceType, number>;
  channels: Record<(typeof WAYS)[number], number>;
}

/** Primary type: city > border > coastal > interior (MODEL §8, gap 1). */
export function primaryType(flags: readonly string[]): number {
  if (flags.includes('M')) return CITY;
  if (flags.some((f) => f.startsWith('B'))) return BORDER;
  if (flags.includes('C')) return COASTAL;
  return INTERIOR;
}

/** Every type a unit's flags give it (its type tables are averaged over these). */
export function typeMask(flags: readonly string[]): number {
  let mask = 0;
  if (flags.some((f) => f.startsWith('B'))) mask |= 1 << BORDER;
  if (flags.includes('C')) mask |= 1 << COASTAL;
  if (flags.includes('M')) mask |= 1 << CITY;
  if (mask === 0) mask |= 1 << INTERIOR;
  return mask;
}
