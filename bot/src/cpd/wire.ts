/**
 * What the CPD record API (/api/cpd) answers, shared by the server and the tab. Plain data only:
 * this file imports nothing, so the tab's bundler can read it without pulling in server code.
 */

export type CpdKindJson = 'attended' | 'recording';

export interface CpdEntryJson {
  id: number;
  sessionId: string;
  title: string;
  campaignTitle: string | null;
  kind: CpdKindJson;
  minutes: number;
  /** ISO 8601 instant the CPD happened: the session's start, or when the recording was added. */
  occurredAt: string;
  reflection: string | null;
}

export interface CpdTotalsJson {
  /** The calendar year (UK time) that "this year" counts. */
  year: number;
  thisYearMinutes: number;
  last12MonthsMinutes: number;
}

export interface CpdRecordJson {
  /** Who the record belongs to, as the app knows them (null when it has no name). */
  name: string | null;
  totals: CpdTotalsJson;
  total: number;
  offset: number;
  limit: number;
  /** Newest first. */
  items: CpdEntryJson[];
}

export interface CpdApiError {
  error: string;
  message: string;
}

/** Reflection notes are at most this many characters (Unicode code points). */
export const MAX_REFLECTION_CHARS = 2000;
