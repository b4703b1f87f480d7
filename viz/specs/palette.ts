// Okabe & Ito (2008) colours: distinguishable under the common colour-vision deficiencies.
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  purple: '#CC79A7',
  sky: '#56B4E9',
  vermillion: '#D55E00',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** Series colours in order of use. */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.purple,
  OKABE_ITO.vermillion,
  OKABE_ITO.sky,
  OKABE_ITO.black,
];

/** Fixed colours for the headline metrics, so a metric keeps its colour on every chart. */
export const METRIC_COLORS: Record<string, string> = {
  coherence: OKABE_ITO.blue,
  innovation: OKABE_ITO.orange,
  security: OKABE_ITO.vermillion,
  development: OKABE_ITO.green,
  prestige: OKABE_ITO.purple,
  value: OKABE_ITO.black,
};

/** Dash patterns that tell series apart without colour (scenario B, C, D in Compare). */
export const DASHES: readonly string[] = ['', '6 3', '2 3', '8 3 2 3'];

export function seriesColor(key: string, index: number): string {
  return METRIC_COLORS[key] ?? SERIES_COLORS[index % SERIES_COLORS.length]!;
}
