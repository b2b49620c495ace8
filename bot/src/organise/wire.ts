/**
 * What the organiser API (docs/organiser-api.md) takes and answers, shared by the server and the
 * tab. Plain data only: this file imports nothing, so the tab's bundler can read it without
 * pulling in server code.
 */

export interface Me {
  name: string | null;
  organiser: boolean;
}

export interface Problem {
  line: number;
  column: number;
  /** `sessions[3].ends` for a file; the form field (`start`, `url`, ...) for a quick edit. */
  path: string;
  message: string;
  /** The whole line as the file checker words it: `catalog.yaml:12:5: sessions[3].ends: ...`. */
  text: string;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

export interface ChangeSummary {
  unchanged: boolean;
  /** One sentence for people: "1 session added, 1 rescheduled (34 booked, 2 waiting)." */
  text: string;
  counts: { added: number; changed: number; rescheduled: number; withdrawn: number; capacityUp: number; capacityDown: number; recordingsAdded: number };
  added: Array<{ id: string; title: string } & Slot>;
  rescheduled: Array<{ id: string; title: string; from: Slot; to: Slot; booked: number; waitlisted: number }>;
  /** Taken out of the programme (removed from the file, or cancelled): their bookings are cancelled. */
  withdrawn: Array<{ id: string; title: string; startsAt: string; booked: number; waitlisted: number; message?: string }>;
  capacity: Array<{ id: string; title: string; from: number | null; to: number | null; booked: number; waitlisted: number; promoted: number }>;
  /** Title, description, presenters, topics, campaign or join link changed. */
  changed: Array<{ id: string; title: string; fields: string[]; booked: number }>;
  recordingsAdded: Array<{ id: string; title: string; sessionId?: string; sessionTitle?: string; postedOn: string; officers: number }>;
}

export interface Publication {
  dryRun: boolean;
  /** After a dry run, the current version (the one a publish would build on). */
  version: number;
  baseVersion: number;
  summary: ChangeSummary;
}

export type QuickEdit =
  | { kind: 'move'; sessionId: string; date: string; start: string; end: string }
  | { kind: 'capacity'; sessionId: string; capacity: number | null }
  | { kind: 'cancel'; sessionId: string; message: string }
  | { kind: 'recording'; sessionId: string; title: string; url: string; durationMinutes?: number; postedOn?: string };

export interface OrganiserSession {
  id: string;
  title: string;
  campaignId?: string;
  campaignTitle?: string;
  startsAt: string;
  endsAt: string;
  /** null: no limit. */
  capacity: number | null;
  booked: number;
  waitlisted: number;
  recording?: { id: string; title: string; url: string; postedOn: string };
}

export interface SessionList {
  version: number;
  sessions: OrganiserSession[];
}

export interface RegistrationJson {
  name: string | null;
  email: string | null;
  organisation: string | null;
  bookedAt: string;
  state: 'booked' | 'waitlisted' | 'cancelled';
  position?: number;
}

export interface SessionRegistrations {
  session: OrganiserSession;
  registrations: RegistrationJson[];
}

export type VersionSource = 'file' | 'upload' | 'edit';

export interface CatalogVersion {
  version: number;
  publishedAt: string;
  publishedBy: string;
  source: VersionSource;
  summary: string;
}

export interface VersionList {
  current: number;
  versions: CatalogVersion[];
}
