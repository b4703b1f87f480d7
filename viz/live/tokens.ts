// The seat's and the facilitator's tokens, kept in localStorage by session code, so a reload, a
// dropped network or a second window (the projector) keeps the role without asking again.
export type TokenRole = 'host' | 'play';

export interface TokenStore {
  get(role: TokenRole, code: string): string | null;
  set(role: TokenRole, code: string, token: string): void;
  remove(role: TokenRole, code: string): void;
}

const key = (role: TokenRole, code: string) => `concerto.live.${role}.${code}`;

export function tokenStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): TokenStore {
  // Without storage (blocked) the tokens live as long as the page.
  const memory = new Map<string, string>();
  return {
    get(role, code) {
      try {
        return storage?.getItem(key(role, code)) ?? memory.get(key(role, code)) ?? null;
      } catch {
        return memory.get(key(role, code)) ?? null;
      }
    },
    set(role, code, token) {
      memory.set(key(role, code), token);
      try {
        storage?.setItem(key(role, code), token);
      } catch {
        // kept in memory only
      }
    },
    remove(role, code) {
      memory.delete(key(role, code));
      try {
        storage?.removeItem(key(role, code));
      } catch {
        // nothing kept
      }
    },
  };
}
