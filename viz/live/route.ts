// The live workshop's places, written in the address bar's fragment so a reload (or the QR code's
// link) lands on the same page: `#live`, `#live/join/CODE`, `#live/host/CODE` (facilitator),
// `#live/play/CODE` (participant), `#live/screen/CODE` (projector).
export type LiveRoute =
  | { page: 'home' }
  | { page: 'join'; code: string }
  | { page: 'host'; code: string }
  | { page: 'play'; code: string }
  | { page: 'screen'; code: string };

/** Join codes as typed: upper case, without spaces or dashes a person may add. */
export function normaliseCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .slice(0, 16);
}

/** True for a fragment that belongs to the live workshop. */
export function isLiveHash(hash: string): boolean {
  return /^#?live(\/|$)/.test(hash);
}

export function parseLiveHash(hash: string): LiveRoute {
  const parts = hash.replace(/^#/, '').split('/');
  const code = normaliseCode(decodeURIComponent(parts[2] ?? ''));
  const page = parts[1];
  if (code && /^[A-Z0-9]+$/.test(code) && (page === 'join' || page === 'host' || page === 'play' || page === 'screen'))
    return { page, code };
  return { page: 'home' };
}

export function liveHash(route: LiveRoute): string {
  return route.page === 'home' ? '#live' : `#live/${route.page}/${encodeURIComponent(route.code)}`;
}
