// The main thread's tasks in thread-CPU time, from a Chromium trace (CDP Tracing, the RunTask events
// of the renderer's main thread and their `tdur`). On a shared machine a task's wall-clock duration
// (what PerformanceObserver 'longtask' reports) grows with the load — other processes take the core
// in the middle of it — while its thread time does not; so the 50 ms aim is checked in thread time,
// and the long-task durations are reported beside it.

/**
 * Start tracing `page`'s renderer. `stop()` ends the trace and returns the longest main-thread task in
 * thread-CPU milliseconds and how many tasks took more than 50 ms of CPU.
 * @param {import('playwright-core').BrowserContext} ctx
 * @param {import('playwright-core').Page} page
 */
export async function traceMainThread(ctx, page) {
  const cdp = await ctx.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      const main = new Set(
        events
          .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
          .map((e) => `${e.pid}:${e.tid}`),
      );
      const cpu = events
        .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`))
        .map((e) => (e.tdur ?? 0) / 1000);
      return {
        longestCpuMs: Math.round(Math.max(0, ...cpu)),
        cpuOver50: cpu.filter((ms) => ms > 50).length,
      };
    },
  };
}
