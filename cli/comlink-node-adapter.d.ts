// TypeScript looks for a .d.mts beside a .mjs specifier; comlink ships only .d.ts (TOOLCHAIN.md §3).
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
  export type { NodeEndpoint } from 'comlink/dist/esm/node-adapter';
}
