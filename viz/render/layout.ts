/** Internal drawing size of charts; the SVG scales to its container through its viewBox. */
export const CHART = { width: 640, height: 280, margin: { top: 14, right: 16, bottom: 40, left: 56 } } as const;

export function innerSize(w: number = CHART.width, h: number = CHART.height) {
  const m = CHART.margin;
  return { w: w - m.left - m.right, h: h - m.top - m.bottom };
}
