/**
 * How a presenter reads wherever a session is described: on a card, in a calendar invite.
 */
import type { Presenter } from './model.js';

/** "Inspector Stuart King KPM, Operational Lead, Avon and Somerset Police"; blank parts left out. */
export function presenterLine(presenter: Presenter): string {
  return [presenter.name, presenter.role, presenter.organisation].filter((part) => part && part.trim()).join(', ');
}
