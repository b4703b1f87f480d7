// The server's npm dependencies, loaded with Node's own require at run time: better-sqlite3 is a
// native module that a bundle cannot carry, and the CLI's bundle (cli/bundle.mjs) would otherwise
// try to inline it. The names are variables so that the bundler leaves these requires alone.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type * as QRCode from 'qrcode';
import type * as WS from 'ws';

const load = createRequire(import.meta.url);
const names = { sqlite: 'better-sqlite3', ws: 'ws', qrcode: 'qrcode' };

export const Database = load(names.sqlite) as typeof BetterSqlite3;
export type Database = BetterSqlite3.Database;
export const { WebSocketServer } = load(names.ws) as typeof WS;
export type WebSocket = WS.WebSocket;
export const qrcode = load(names.qrcode) as typeof QRCode;
