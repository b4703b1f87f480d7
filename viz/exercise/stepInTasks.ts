/**
 * Run a generator to its end one step per task (setTimeout 0), so the page keeps answering while it works;
 * resolves with its return value, or with null once `wanted()` turns false (the work was dropped). A step
 * that throws is reported and ends the run with `fallback`.
 */
export function stepInTasks<T>(
  steps: Iterator<unknown, T>,
  wanted: () => boolean,
  fallback: T,
  what: string,
): Promise<T | null> {
  return new Promise((resolve) => {
    const step = () => {
      if (!wanted()) return resolve(null);
      try {
        const r = steps.next();
        if (r.done) resolve(r.value);
        else setTimeout(step, 0);
      } catch (err) {
        console.warn(`${what}:`, err);
        resolve(fallback);
      }
    };
    setTimeout(step, 0);
  });
}
