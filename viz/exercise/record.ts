import type { ModelEvent } from '../../sim/engine/model.ts';

/** A province's record with the centre so far, from the run's event log (what the centre remembers). */
export interface ProvinceRecord {
  pilotsApproved: number;
  pilotsRejected: number;
  pilotsSucceeded: number;
  pilotsFailed: number;
  fenceBreaks: number;
  sanctions: number;
  incidents: number;
  agreements: number;
}

const CODES: Record<string, keyof ProvinceRecord> = {
  'pilot.approved': 'pilotsApproved',
  'pilot.rejected': 'pilotsRejected',
  'pilot.succeeded': 'pilotsSucceeded',
  'pilot.failed': 'pilotsFailed',
  fenceBreak: 'fenceBreaks',
  sanction: 'sanctions',
  incident: 'incidents',
  'agreement.signed': 'agreements',
};

export function provinceRecord(events: readonly ModelEvent[], province: string): ProvinceRecord {
  const r: ProvinceRecord = {
    pilotsApproved: 0,
    pilotsRejected: 0,
    pilotsSucceeded: 0,
    pilotsFailed: 0,
    fenceBreaks: 0,
    sanctions: 0,
    incidents: 0,
    agreements: 0,
  };
  for (const e of events) {
    const k = CODES[e.code];
    if (k && e.args.province === province) r[k]++;
  }
  return r;
}
