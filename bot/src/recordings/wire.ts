/**
 * What GET /api/recordings answers, shared by the server and the tab. Plain data only: this file
 * imports nothing, so the tab's bundler can read it without pulling in server code.
 */

export type RecordingSort = 'newest' | 'oldest';

export interface RecordingPresenter {
  name: string;
  role?: string;
  /** The force or organisation the presenter works for. */
  organisation?: string;
}

export interface RecordingItem {
  id: string;
  title: string;
  /** The Knowledge Hub page that plays it (needs a police.uk registration). */
  url: string;
  /** ISO date (yyyy-mm-dd). */
  postedOn: string;
  durationSeconds?: number;
  sample: boolean;
  session?: {
    id: string;
    title: string;
    /** ISO 8601 instant. */
    startsAt: string;
    presenters: RecordingPresenter[];
    topics: string[];
  };
  campaign?: { id: string; title: string; knowledgeHubGroup?: { name: string; url: string } };
}

export interface RecordingFacets {
  campaigns: Array<{ id: string; title: string; count: number }>;
  topics: Array<{ name: string; count: number }>;
}

export interface RecordingPage {
  total: number;
  offset: number;
  limit: number;
  items: RecordingItem[];
  facets: RecordingFacets;
}

/** The body of every 4xx/5xx answer from the recordings API. */
export interface ApiError {
  error: string;
  message: string;
}
