// A doorway: the session API (live, stateful runs) in a Web Worker, nothing else.
import * as Comlink from 'comlink';
import { sessionApi } from './session.ts';

Comlink.expose(sessionApi, self);
