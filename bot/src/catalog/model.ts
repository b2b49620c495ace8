/**
 * The catalog's domain model: campaigns (weeks of action), their sessions and the recordings
 * posted afterwards. Instants are JavaScript Dates (UTC); anything shown to an officer is
 * rendered in the catalog's time zone (Europe/London) by the presentation layer.
 */

export interface KnowledgeHubGroup {
  name: string;
  url: string;
}

export interface Campaign {
  id: string;
  title: string;
  /** Other names officers use: "response week", "#ResponsePolicing". */
  aliases: string[];
  /** First and last day, inclusive, as ISO dates (yyyy-mm-dd) in the catalog's zone. */
  startsOn: string;
  endsOn: string;
  knowledgeHubGroup?: KnowledgeHubGroup;
}

export interface Presenter {
  name: string;
  role?: string;
  organisation?: string;
}

export interface Session {
  id: string;
  campaignId?: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  presenters: Presenter[];
  description?: string;
  topics: string[];
  /** Places available; undefined means no limit. */
  capacity?: number;
  joinUrl?: string;
}

export interface Recording {
  id: string;
  sessionId?: string;
  title: string;
  url: string;
  /** ISO date (yyyy-mm-dd). */
  postedOn: string;
  /** Length in seconds, when known. */
  durationSeconds?: number;
  /** True for the demo catalog's illustrative entries. */
  sample: boolean;
}

/** Everything one catalog file describes, validated and with times resolved to instants. */
export interface Catalog {
  timeZone: string;
  campaigns: Campaign[];
  sessions: Session[];
  recordings: Recording[];
}
