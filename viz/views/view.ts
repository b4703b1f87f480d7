/**
 * What every tab's view offers the app shell (viz/app.ts): its root element, a relabel after the language
 * changes, a promise that settles when nothing is in flight (tests and the share link wait on it), and a
 * dispose that cancels work in flight (an AbortController in the view's controller) and removes listeners.
 */
export interface ViewHandle {
  readonly root: HTMLElement;
  relabel(): void;
  whenIdle(): Promise<void>;
  dispose(): void;
}
