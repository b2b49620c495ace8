/**
 * A session's page: GET /sessions/{id} answers a small HTML page about one session (title, UK
 * time, presenters, description, how to book in Teams). It is the address the message extension's
 * links carry: pasted into Teams it unfurls into the session card, opened in a browser it is this
 * page. Public, like the College's own event pages, so it shows nothing about anyone's booking
 * and no join link (booked officers get that in Teams). Every catalog text is HTML-escaped.
 */
import { DateTime } from 'luxon';
import type restify from 'restify';
import type { Clock } from '../clock.js';
import type { Programme } from '../catalog/live-catalog.js';
import type { Session } from '../catalog/model.js';
import type { SessionMatch } from '../catalog/whats-on.js';
import { SESSION_PAGE_ROUTE, sessionIdOf } from '../catalog/session-links.js';
import type { Logger } from '../log.js';
import { UK_ZONE, isWebUrl, sessionTiming } from '../teams/presentation.js';
import { dateSpan } from '../teams/cards/session-details.js';

export interface SessionPageDeps {
  programme: () => Pick<Programme, 'sessions'>;
  clock: Clock;
  logger: Logger;
}

const APP_NAME = 'CPD weeks of action';

export function registerSessionPages(server: restify.Server, deps: SessionPageDeps): void {
  server.get(SESSION_PAGE_ROUTE, async (req: restify.Request, res: restify.Response) => {
    try {
      const id = sessionIdOf(String(req.params?.id ?? ''));
      const now = deps.clock.now();
      const { sessions } = deps.programme();
      const match = id === undefined ? undefined : sessions.find(id, now);
      if (match) return sendPage(res, 200, sessionPage(match, now));
      const withdrawn = id === undefined ? undefined : sessions.withdrawnSession(id);
      if (withdrawn) return sendPage(res, 410, withdrawnPage(withdrawn.session, withdrawn.message, now));
      return sendPage(res, 404, notFoundPage());
    } catch (error) {
      deps.logger.error({ err: error }, 'session page: could not answer');
      if (!res.headersSent)
        sendPage(res, 500, page('Something went wrong', '<h1>Something went wrong</h1><p>Something went wrong on our side. Please try again in a moment.</p>'));
    }
  });
  // A mistyped link (an extra segment, an id longer than the router reads) gets the same page.
  server.get('/sessions/*', async (_req: restify.Request, res: restify.Response) => sendPage(res, 404, notFoundPage()));
}

function sendPage(res: restify.Response, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    // The catalog can change at any publish: a short while in a cache, never long.
    'cache-control': status === 200 ? 'public, max-age=60' : 'no-store',
    'x-content-type-options': 'nosniff',
    // No script, no frames, nothing fetched: the page is text and its own inline style.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

/** Text for HTML, in an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** "Friday 19 June 2026, 12:00 to 13:00"; both days when a session runs past midnight. */
export function pageTime(session: Pick<Session, 'startsAt' | 'endsAt'>): string {
  const from = DateTime.fromJSDate(session.startsAt, { zone: UK_ZONE }).setLocale('en-GB');
  const to = DateTime.fromJSDate(session.endsAt, { zone: UK_ZONE }).setLocale('en-GB');
  const day = 'cccc d LLLL yyyy';
  if (from.hasSame(to, 'day')) return `${from.toFormat(day)}, ${from.toFormat('HH:mm')} to ${to.toFormat('HH:mm')}`;
  return `${from.toFormat(day)}, ${from.toFormat('HH:mm')} to ${to.toFormat(day)}, ${to.toFormat('HH:mm')}`;
}

function timeLine(session: Session): string {
  return `<p class="when"><time datetime="${escapeHtml(session.startsAt.toISOString())}">${escapeHtml(pageTime(session))}</time> (UK time)</p>`;
}

function sessionPage(match: SessionMatch, now: Date): string {
  const { session, campaign, recording } = match;
  const timing = sessionTiming(session, now);
  const parts: string[] = [];
  if (campaign) parts.push(`<p class="campaign">Part of ${escapeHtml(campaign.title)} (${escapeHtml(dateSpan(campaign.startsOn, campaign.endsOn))})</p>`);
  parts.push(`<h1>${escapeHtml(session.title)}</h1>`, timeLine(session));
  if (timing === 'live') parts.push('<p class="status">Happening now.</p>');
  if (timing === 'past') parts.push('<p class="status">This session has ended.</p>');
  if (session.presenters.length > 0) {
    const items = session.presenters.map((p) => {
      const detail = [p.role, p.organisation].filter((part) => part && part.trim()).join(', ');
      return `<li><strong>${escapeHtml(p.name)}</strong>${detail ? `, ${escapeHtml(detail)}` : ''}</li>`;
    });
    parts.push(`<h2>${session.presenters.length === 1 ? 'Presenter' : 'Presenters'}</h2>`, `<ul>${items.join('')}</ul>`);
  }
  if (session.description) parts.push('<h2>About this session</h2>', `<p>${escapeHtml(session.description)}</p>`);
  if (session.topics.length > 0) parts.push(`<p class="topics"><strong>Topics:</strong> ${escapeHtml(session.topics.join(', '))}</p>`);
  if (timing === 'upcoming') {
    const places =
      session.capacity === undefined ? 'There is no limit on places.' : `There are ${session.capacity} ${session.capacity === 1 ? 'place' : 'places'}.`;
    parts.push(
      '<h2>How to book</h2>',
      `<p>Book a place in Microsoft Teams, in the ${APP_NAME} app: ask it about this session, or paste the address of this page into a chat and press <strong>Book a place</strong> on the card it turns into. The session then goes into your Outlook calendar, and if it is full you join the waitlist. ${places}</p>`,
    );
  }
  if (timing === 'past') {
    if (recording && isWebUrl(recording.url)) {
      parts.push(
        '<h2>Recording</h2>',
        `<p><a href="${escapeHtml(recording.url)}">Watch the recording</a> on the Knowledge Hub (it needs a police.uk registration).</p>`,
      );
    } else parts.push('<p>The recording has not been posted yet.</p>');
  }
  const group = campaign?.knowledgeHubGroup;
  if (group && isWebUrl(group.url)) {
    parts.push(`<p class="group">Recordings and resources: <a href="${escapeHtml(group.url)}">${escapeHtml(group.name)}</a> on the Knowledge Hub.</p>`);
  }
  return page(session.title, parts.join('\n'));
}

function withdrawnPage(session: Session, organiserMessage: string | undefined, now: Date): string {
  const parts = [
    `<h1>${escapeHtml(session.title)}</h1>`,
    timeLine(session),
    `<p class="status">This session has been taken out of the programme${sessionTiming(session, now) === 'upcoming' ? ', so it can no longer be booked' : ''}.</p>`,
  ];
  if (organiserMessage) parts.push(`<p>The organisers said: ${escapeHtml(organiserMessage)}</p>`);
  parts.push(`<p>Ask the ${APP_NAME} app in Microsoft Teams what is on to find another session.</p>`);
  return page(session.title, parts.join('\n'));
}

function notFoundPage(): string {
  return page(
    'Session not found',
    `<h1>We couldn't find that session</h1>\n<p>The link may be mistyped, or the session is no longer in the programme. Ask the ${APP_NAME} app in Microsoft Teams what is on to see the sessions you can book.</p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | ${APP_NAME}</title>
<style>
  body { margin: 0; font: 1.0625rem/1.5 "Segoe UI", system-ui, -apple-system, sans-serif; color: #1b1b1b; background: #fff; }
  header { background: #0b3d91; color: #fff; padding: 0.75rem 1rem; font-weight: 600; }
  main { max-width: 42rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
  h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0; }
  h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
  .when { font-weight: 600; color: #0b3d91; }
  .campaign, .topics, .group { color: #3d3d3d; }
  a { color: #0b3d91; }
  a:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) {
    body { color: #f3f3f3; background: #1b1b1b; }
    .when, a { color: #9cc3ff; }
    .campaign, .topics, .group { color: #d0d0d0; }
  }
</style>
</head>
<body>
<header>College of Policing: ${APP_NAME}</header>
<main>
${body}
</main>
</body>
</html>
`;
}
