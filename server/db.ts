import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from './deps.ts';

// The workshop's state in SQLite (WAL mode). Decisions and events are append-only: a session is
// rebuilt on start by replaying them (the run is deterministic), so a server killed at any moment
// resumes every session at the same round with every decision and seat. Tokens are stored as
// sha256 hashes only.

export interface SessionRow {
  code: string;
  exercise: string;
  facilitator_hash: string;
  settings: string;
  created_at: number;
  expires_at: number;
}

export interface ParticipantRow {
  session: string;
  id: string;
  name: string;
  seat: string;
  token_hash: string;
}

export interface DecisionRow {
  id: number;
  session: string;
  round: number;
  seat: string;
  participant: string;
  body: string;
}

export interface EventRow {
  id: number;
  session: string;
  seq: number;
  type: string;
  round: number;
  body: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  code TEXT PRIMARY KEY,
  exercise TEXT NOT NULL,
  facilitator_hash TEXT NOT NULL,
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
  session TEXT NOT NULL REFERENCES sessions(code),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  seat TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  PRIMARY KEY (session, id)
);
CREATE TABLE IF NOT EXISTS decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session TEXT NOT NULL REFERENCES sessions(code),
  round INTEGER NOT NULL,
  seat TEXT NOT NULL,
  participant TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_by_round ON decisions(session, round);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session TEXT NOT NULL REFERENCES sessions(code),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  round INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_session ON events(session, id);
CREATE TRIGGER IF NOT EXISTS decisions_append_only_u BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS decisions_append_only_d BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_u BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_d BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

export class Store {
  readonly db: Database;
  private stmts;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'concerto.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a killed process (only a power cut may lose the last ones).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.stmts = {
      insertSession: this.db.prepare(
        'INSERT INTO sessions (code, exercise, facilitator_hash, settings, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      touchSession: this.db.prepare('UPDATE sessions SET expires_at = ?, settings = ? WHERE code = ?'),
      sessions: this.db.prepare('SELECT * FROM sessions WHERE expires_at > ? ORDER BY created_at'),
      codeExists: this.db.prepare('SELECT 1 FROM sessions WHERE code = ?'),
      insertParticipant: this.db.prepare(
        'INSERT INTO participants (session, id, name, seat, token_hash) VALUES (?, ?, ?, ?, ?)',
      ),
      moveParticipant: this.db.prepare('UPDATE participants SET seat = ? WHERE session = ? AND id = ?'),
      participants: this.db.prepare('SELECT * FROM participants WHERE session = ? ORDER BY rowid'),
      insertDecision: this.db.prepare(
        'INSERT INTO decisions (session, round, seat, participant, body) VALUES (?, ?, ?, ?, ?)',
      ),
      decisions: this.db.prepare('SELECT * FROM decisions WHERE session = ? AND round = ? ORDER BY id'),
      insertEvent: this.db.prepare('INSERT INTO events (session, seq, type, round, body) VALUES (?, ?, ?, ?, ?)'),
      events: this.db.prepare('SELECT * FROM events WHERE session = ? ORDER BY id'),
    };
  }

  codeExists(code: string): boolean {
    return this.stmts.codeExists.get(code) !== undefined;
  }

  insertSession(row: SessionRow): void {
    this.stmts.insertSession.run(
      row.code,
      row.exercise,
      row.facilitator_hash,
      row.settings,
      row.created_at,
      row.expires_at,
    );
  }

  touchSession(code: string, expiresAt: number, settings: string): void {
    this.stmts.touchSession.run(expiresAt, settings, code);
  }

  liveSessions(now: number): SessionRow[] {
    return this.stmts.sessions.all(now) as SessionRow[];
  }

  insertParticipant(row: ParticipantRow): void {
    this.stmts.insertParticipant.run(row.session, row.id, row.name, row.seat, row.token_hash);
  }

  moveParticipant(session: string, id: string, seat: string): void {
    this.stmts.moveParticipant.run(seat, session, id);
  }

  participants(session: string): ParticipantRow[] {
    return this.stmts.participants.all(session) as ParticipantRow[];
  }

  insertDecision(session: string, round: number, seat: string, participant: string, body: unknown): void {
    this.stmts.insertDecision.run(session, round, seat, participant, JSON.stringify(body));
  }

  decisions(session: string, round: number): DecisionRow[] {
    return this.stmts.decisions.all(session, round) as DecisionRow[];
  }

  insertEvent(session: string, seq: number, type: string, round: number, body: unknown): void {
    this.stmts.insertEvent.run(session, seq, type, round, JSON.stringify(body));
  }

  events(session: string): EventRow[] {
    return this.stmts.events.all(session) as EventRow[];
  }

  close(): void {
    this.db.close();
  }
}
