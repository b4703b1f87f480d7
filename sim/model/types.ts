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
  /** Overrides the primary-type rule (city > coastal > border > interior) where the data say otherwise. */
  primaryType?: ProvinceType;
}

export interface PartnerData {
  id: string;
  name: { en: string; vi: string };
  receptivity: number;
  sensitivity: number;
  affinity: Record<ProvinceType, number>;
  channels: Record<(typeof WAYS)[number], number>;
  /**
   * Land neighbour: the countries (codes of the B-XX flags) it borders Vietnam with. A province's
   * border affinity to it counts only when the province borders one of them.
   */
  countries?: string[];
  /** Reached by sea: a province's coastal affinity to it counts only when the province is coastal. */
  sea?: boolean;
}

/**
 * Primary type: city > coastal > border > interior, unless the data name it (2.0.0). Coastal comes
 * before border: 11 of the 16 non-city coastal units also touch a land border, and the border rule
 * swallowed the marine economy of most of the coast.
 */
export function primaryType(flags: readonly string[], override?: ProvinceType): number {
  if (override !== undefined) return TYPES.indexOf(override);
  if (flags.includes('M')) return CITY;
  if (flags.includes('C')) return COASTAL;
  if (flags.some((f) => f.startsWith('B'))) return BORDER;
  return INTERIOR;
}

/** The countries a unit borders, from its B-XX[,YY] flags. */
export function borderCountries(flags: readonly string[]): string[] {
  return flags.filter((f) => f.startsWith('B-')).flatMap((f) => f.slice(2).split(','));
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
