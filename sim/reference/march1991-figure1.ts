/**
 * March (1991), Figure 1, as published: the code's equilibrium knowledge against socialization rate
 * p1 for code-learning rates p2 = .1, .5, .9 (m = 30, n = 50, 80 runs a point in the paper).
 *
 * Values read off a scan of the figure (March 1991, p. 75; the scan is resources/March-1991-Fig-1.png in
 * the public GitHub repository julianbarg/wiki) with a read-off error of about ±0.004; the same values,
 * with that provenance, are in ../shared/validation/march1991-figure1.csv, and a test keeps the two
 * equal where that file is present. Kept here so that a fresh clone can regenerate docs/validation.md.
 */
export interface PublishedPoint {
  p1: number;
  p2: number;
  /** Published equilibrium knowledge of the code. */
  y: number;
}

/** Read-off error of the published values (added in full to the agreement rule's bound). */
export const MARCH_FIGURE1_READ_OFF = 0.004;

/** Runs per point in March's own simulations. */
export const MARCH_FIGURE1_RUNS = 80;

const P1 = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const Y: Record<string, number[]> = {
  '0.1': [0.858, 0.814, 0.804, 0.788, 0.801, 0.816, 0.805, 0.803, 0.794],
  '0.5': [0.955, 0.92, 0.875, 0.836, 0.797, 0.779, 0.781, 0.753, 0.745],
  '0.9': [0.98, 0.952, 0.913, 0.89, 0.855, 0.804, 0.769, 0.744, 0.751],
};

/** The 27 points, p2 = .1 first, p1 rising within each p2 (the order of the CSV file). */
export const MARCH_FIGURE1: readonly PublishedPoint[] = [0.1, 0.5, 0.9].flatMap((p2) =>
  P1.map((p1, k) => ({ p1, p2, y: Y[String(p2)]![k]! })),
);
