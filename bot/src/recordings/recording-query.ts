/**
 * The question an officer asks the recordings list, read from a URL's query string. Every
 * problem is named so the API can answer 400 with something a person can act on.
 */
import type { RecordingSort } from './wire.js';

export interface RecordingQuery {
  /** Words that must all appear in the title, session, presenters, forces, campaign or topics. */
  terms: string[];
  campaign?: string;
  topic?: string;
  sort: RecordingSort;
  offset: number;
  limit: number;
}

export const defaultLimit = 50;
/** A page never holds more than this, whatever the caller asks: keeps every answer cheap. */
export const maxLimit = 200;
const maxQueryLength = 200;
const maxTerms = 8;

export type ParsedQuery = { ok: true; query: RecordingQuery } | { ok: false; problems: string[] };

export function parseRecordingQuery(params: Record<string, unknown>): ParsedQuery {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = params[name];
    if (value === undefined) return undefined;
    // A repeated parameter (?q=a&q=b) arrives as an array: ambiguous, so refused.
    if (typeof value !== 'string') {
      problems.push(`${name}: give it once`);
      return undefined;
    }
    return value.trim();
  };
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === undefined || value === '') return fallback;
    if (!/^\d{1,9}$/.test(value)) {
      problems.push(`${name}: must be a whole number`);
      return fallback;
    }
    const n = Number(value);
    if (n < min) problems.push(`${name}: must be at least ${min}`);
    return Math.min(n, max);
  };

  const q = text('q') ?? '';
  if (q.length > maxQueryLength) problems.push(`q: at most ${maxQueryLength} characters`);
  const terms = [...new Set(q.toLocaleLowerCase('en-GB').split(/\s+/).filter(Boolean))].slice(0, maxTerms);
  const campaign = text('campaign') || undefined;
  const topic = text('topic') || undefined;
  const sortText = text('sort') || 'newest';
  if (sortText !== 'newest' && sortText !== 'oldest') problems.push('sort: must be newest or oldest');
  const offset = whole('offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = whole('limit', defaultLimit, 1, maxLimit);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    query: { terms, sort: sortText as RecordingSort, offset, limit, ...(campaign ? { campaign } : {}), ...(topic ? { topic } : {}) },
  };
}
