// Shared set-up of the app's browser tests: a fresh app in the test page, console errors collected.
import { vi } from 'vitest';
import { commands, page } from 'vitest/browser';
import '../../viz/styles.css';
import { mountApp, type App, type AppOptions } from '../../viz/app.ts';

export interface Mounted {
  app: App;
  host: HTMLElement;
  /** console.error calls, uncaught errors and unhandled rejections since mounting. */
  errors: string[];
  unmount(): void;
}

/**
 * Collect console.error calls, uncaught errors and unhandled rejections (each still reaches the console)
 * until `restore()`.
 */
export function captureErrors(): { errors: string[]; restore(): void } {
  const errors: string[] = [];
  const origError = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    origError(...args);
  };
  const onError = (e: ErrorEvent) => errors.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(`unhandled rejection: ${String(e.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    restore() {
      console.error = origError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** localStorage's interface over a Map, so a test neither sees nor leaves the page's real storage. */
export function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => Array.from(data.keys())[i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

export async function mountForTest(options: AppOptions = {}): Promise<Mounted> {
  await page.viewport(1400, 1000);
  const { errors, restore } = captureErrors();
  const host = document.createElement('div');
  host.className = 'concerto';
  document.body.appendChild(host);
  const app = await mountApp(host, { storage: null, languages: ['en'], syncUrl: false, autoplay: false, ...options });
  return {
    app,
    host,
    errors,
    unmount() {
      app.dispose();
      host.remove();
      restore();
    },
  };
}

/** The exact numbers in a chart's data table column (data-value keeps the full double). */
export function tableColumn(root: ParentNode, chart: string, column: number): number[] {
  const rows = root.querySelectorAll(`figure[data-chart="${chart}"] table tbody tr`);
  return Array.from(rows, (tr) => Number((tr.children[column] as HTMLElement).dataset.value));
}

/** Click a control by its data-control name. */
export function control<T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T {
  const node = root.querySelector<T>(`[data-control="${name}"]`);
  if (!node) throw new Error(`no control ${name}`);
  return node;
}

/** Save a screenshot (of the page, or of one element) as a test artifact in test-results/ (gitignored). */
export async function screenshot(name: string, element?: Element): Promise<void> {
  const base64 = await page.screenshot({ save: false, ...(element ? { element } : {}) });
  await commands.writeFile(`test-results/${name}.png`, base64, 'base64');
}

/** Set a form control by its data-control name and fire its change event, as a user's edit does. */
export function setControl(root: ParentNode, name: string, value: string): void {
  const input = control<HTMLInputElement | HTMLSelectElement>(root, name);
  input.value = value;
  input.dispatchEvent(new Event('change'));
}

/** Wait until a condition holds (polling), or fail after `ms`. */
export async function until(cond: () => boolean, ms = 20_000, every = 10): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * Capture downloads: the anchor's file name and the blob behind its object URL. Spies on
 * URL.createObjectURL and anchor clicks; restore with vi.restoreAllMocks().
 */
export function captureDownloads(): { name: string; blob: Blob }[] {
  const blobs = new Map<string, Blob>();
  const createObjectURL = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((obj: Blob | MediaSource) => {
    const url = createObjectURL(obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  });
  const downloads: { name: string; blob: Blob }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return downloads;
}
