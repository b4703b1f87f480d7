// A researcher runs a small experiment in the app, exports CSV, and runs the same experiment file
// with `concerto sweep` on the command line: the two files must hold the same table. The CLI runs
// in Node through a vitest browser command (vitest.config.ts), so this compares the browser's Web
// Worker pool with the CLI's worker_threads pool, not one code path with itself. The contract
// (docs/formats.md) is byte-identical output within a runtime and agreement to 1e-9 relative
// between Node and Chromium: their engines' Math.pow/exp/log may differ in the last bit, and such
// differences show in the 16th or 17th digit of some cells.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { captureDownloads, control, type Mounted, mountForTest, setControl } from './helpers.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    concertoSweep: (experimentJson: string) => Promise<string>;
  }
}

let m: Mounted | null = null;
afterEach(() => {
  vi.restoreAllMocks();
  m?.unmount();
  m = null;
});
const db = `concerto-test-${Math.random().toString(36).slice(2)}`;
afterAll(() => void indexedDB.deleteDatabase(db));

describe('Experiment export and the CLI', () => {
  it('the CSV exported from the app equals `concerto sweep` on the same experiment: same header, rows and text cells; numbers within 1e-9 relative', async () => {
    m = await mountForTest({ experimentDb: db });
    m.app.show('experiment');
    const view = await m.app.experiment();
    const root = view.root;
    setControl(root, 'experiment-scenario', 'vn34-2025');
    setControl(root, 'experiment-replicates', '3');
    setControl(root, 'experiment-cycles', '12');
    setControl(root, 'experiment-levels-0', '3');
    setControl(root, 'experiment-levels-1', '2');
    control(root, 'experiment-run').click();
    await m.app.whenIdle();
    expect(view.state).toBe('done');
    const downloads = captureDownloads();
    control(root, 'experiment-csv').click();
    expect(downloads).toHaveLength(1);
    const exported = await downloads[0]!.blob.text();
    const lines = exported.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 6 * 3);
    const cli = await commands.concertoSweep(JSON.stringify(view.currentRaw()));
    const a = exported
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    const b = cli
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(a.map((r) => r.length)).toEqual(b.map((r) => r.length));
    expect(a[0]).toEqual(b[0]);
    let worst = 0;
    for (let i = 1; i < a.length; i++) {
      for (let j = 0; j < a[i]!.length; j++) {
        const x = a[i]![j]!;
        const y = b[i]![j]!;
        if (x === y) continue;
        const nx = Number(x);
        const ny = Number(y);
        expect(Number.isFinite(nx) && Number.isFinite(ny), `row ${i} column ${a[0]![j]}: ${x} vs ${y}`).toBe(true);
        worst = Math.max(worst, Math.abs(nx - ny) / Math.max(Math.abs(nx), Math.abs(ny)));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
    expect(m.errors).toEqual([]);
  });
});
