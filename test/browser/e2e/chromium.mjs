// The flags every Concerto script starts Debian's Chromium with (e2e tests, the bench, the vitest browser
// project): no sandbox or GPU in containers, and no network of its own (updates, sync, QUIC), so a run
// talks only to the loopback server it is given.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
