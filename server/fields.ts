// What the API accepts from a request's fields, and the secrets it hands out: join codes, tokens
// (only their SHA-256 is stored), display names. Every rejection is an HttpError naming the field.
import { createHash, randomBytes } from 'node:crypto';
import { HttpError } from './errors.ts';

/** The join code's alphabet: no 0/O, 1/I/L, so a code read off a projector is typed right. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;
export const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);
const MAX_NAME = 40;

// Control characters, line/paragraph separators and bidirectional overrides: never part of a name.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** A display name: control characters stripped, spaces collapsed, at most 40 characters. */
export function cleanName(raw: unknown): string {
  if (typeof raw !== 'string') throw new HttpError(400, [{ path: 'name', value: raw, rule: 'must be a text' }]);
  const s = [...raw.normalize('NFC').replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim()]
    .slice(0, MAX_NAME)
    .join('')
    .trim();
  if (s.length === 0)
    throw new HttpError(400, [{ path: 'name', value: raw, rule: `must have 1–${MAX_NAME} printable characters` }]);
  return s;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');

/** A request body with no field but `allowed`: every other one is named. */
export function onlyFields(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw new HttpError(
      400,
      extra.map((k) => ({
        path: k,
        value: body[k],
        rule: `is not a field of this request (fields: ${allowed.join(', ')})`,
      })),
    );
}

export function bool(path: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new HttpError(400, [{ path, value: v, rule: 'must be true or false' }]);
  return v;
}
