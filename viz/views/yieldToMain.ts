/**
 * Let the browser run other tasks (input, rendering) before going on: a long piece of work split at
 * these points is several short main-thread tasks instead of one long one. `scheduler.yield()` where
 * the browser has it (the continuation keeps its priority), a zero-delay timer otherwise.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
