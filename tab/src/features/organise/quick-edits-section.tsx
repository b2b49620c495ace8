/**
 * Quick edits: the common changes without editing the file. Pick a session, then move it, change
 * its places, cancel it (with a message to the officers) or post its recording; each is checked
 * first and shows the same preview as a file, then publishes as a new version.
 */
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { Eye20Regular } from '@fluentui/react-icons';
import type { OrganiserApi, OrganiserSession, Problem, Publication, QuickEdit } from '../../api/organiser-api.js';
import { countOf, formatDay, formatSlot, ukParts } from '../../format.js';
import { PublicationPanel, failureText } from './publication-panel.js';
import { useSharedStyles } from './shared-styles.js';
import { shown, useLoad } from './use-load.js';
import { usePublication } from './use-publication.js';

type EditKind = QuickEdit['kind'];

const kinds: Array<{ value: EditKind; label: string }> = [
  { value: 'move', label: 'Move' },
  { value: 'capacity', label: 'Change capacity' },
  { value: 'cancel', label: 'Cancel session' },
  { value: 'recording', label: 'Post a recording' },
];

interface Values {
  date: string;
  start: string;
  end: string;
  capacity: string;
  noLimit: boolean;
  message: string;
  title: string;
  url: string;
  durationMinutes: string;
  postedOn: string;
}

type FieldName = keyof Values | 'sessionId';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  narrow: { flex: '1 1 9rem', minWidth: 0 },
  wide: { flex: '3 1 16rem', minWidth: 0 },
  control: { width: '100%', minWidth: 0, maxWidth: '100%' },
  kinds: { flexWrap: 'wrap' },
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2 },
  capacity: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  // A number of places needs no more room than this; the field's hint wraps under it.
  places: { flex: '0 1 14rem', minWidth: 0 },
  // Level with the input rather than with the hint below it: down by the height of the field's
  // label (its line and its padding) and the gap under it.
  noLimit: { marginTop: `calc(${tokens.lineHeightBase300} + 3 * ${tokens.spacingVerticalXXS})` },
  general: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

export function QuickEditsSection({ api, revision, onPublished }: { api: OrganiserApi; revision: number; onPublished(publication: Publication): void }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const ids = useId();
  const { state, retry } = useLoad((signal) => api.sessions(signal), `sessions:${revision}`);
  const list = shown(state);
  const [sessionId, setSessionId] = useState('');
  const [kind, setKind] = useState<EditKind>('move');
  const [values, setValues] = useState<Values>(() => blank());
  const [mistakes, setMistakes] = useState<Partial<Record<FieldName, string>>>({});
  const send = useCallback((edit: QuickEdit, options: { dryRun: boolean; baseVersion?: number }) => api.edit(edit, options), [api]);
  const { flow, preview, publish, reset } = usePublication(send, onPublished);
  const session = list?.sessions.find((s) => s.id === sessionId);

  // A session that is no longer in the catalog (cancelled) cannot be chosen any more.
  useEffect(() => {
    if (list && sessionId && !session && flow.step !== 'published') setSessionId('');
  }, [list, sessionId, session, flow.step]);

  const start = (next: { sessionId?: string; kind?: EditKind }) => {
    const id = next.sessionId ?? sessionId;
    const k = next.kind ?? kind;
    setSessionId(id);
    setKind(k);
    setValues(prefilled(list?.sessions.find((s) => s.id === id)));
    setMistakes({});
    reset();
  };

  const change = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setMistakes((m) => ({ ...m, [field]: undefined }));
    // What was previewed (or published) is no longer what the form says.
    if (flow.step !== 'idle') reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = editOf(kind, sessionId, values);
    setMistakes(checked.mistakes);
    if (checked.edit) preview(checked.edit);
  };

  // Problems the server found: beside their fields; the rest above the form's buttons.
  const serverProblems = flow.step === 'invalid' ? flow.failure.problems : [];
  const byField = useMemo(() => {
    const found: Partial<Record<FieldName, string>> = {};
    for (const p of serverProblems) {
      const field = fieldOf(p, kind);
      if (field) found[field] = found[field] ? `${found[field]} ${sentence(p.message)}` : sentence(p.message);
    }
    return found;
  }, [serverProblems, kind]);
  const general = serverProblems.filter((p) => !fieldOf(p, kind));
  const mistake = (field: FieldName) => mistakes[field] ?? byField[field];
  const validation = (field: FieldName) => {
    const message = mistake(field);
    return message ? { validationMessage: message, validationState: 'error' as const } : {};
  };
  const busy = flow.step === 'checking' || flow.step === 'publishing';

  return (
    <section className={shared.section} aria-labelledby="edits-heading">
      <div className={shared.sectionHeader}>
        <Text as="h2" id="edits-heading" size={500} weight="semibold" className={shared.h2}>
          Quick edits
        </Text>
        <Text>Change one session without editing the file. Each change is checked first and published as a new version of the catalog.</Text>
      </div>

      {state.status === 'error' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>We couldn't load the sessions.</MessageBarTitle>
            {failureText(state.failure)}
          </MessageBarBody>
          <Button onClick={retry}>Retry</Button>
        </MessageBar>
      )}
      {state.status === 'loading' && !list && <Spinner size="small" label="Loading sessions…" labelPosition="after" />}

      {list && (
        <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="edits-heading">
          <Field label="Session" {...validation('sessionId')}>
            <Select className={styles.control} value={sessionId} onChange={(_e, data) => start({ sessionId: data.value })}>
              <option value="">Choose a session</option>
              {groups(list.sessions).map(([campaign, sessions]) => (
                <optgroup key={campaign} label={campaign}>
                  {sessions.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title} ({formatSlot(s.startsAt, s.endsAt)})
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
          </Field>

          {session && (
            <div className={styles.facts} data-testid="session-facts">
              <Text>{formatSlot(session.startsAt, session.endsAt)}</Text>
              <Text>
                {session.capacity === null
                  ? `${session.booked.toLocaleString('en-GB')} booked (no limit)`
                  : `${session.booked.toLocaleString('en-GB')} of ${countOf(session.capacity, 'place')} booked`}
              </Text>
              <Text>{session.waitlisted.toLocaleString('en-GB')} waiting</Text>
              {session.recording && <Text>Recording posted {formatDay(session.recording.postedOn)}</Text>}
            </div>
          )}

          {session && (
            <>
              <Field label="Change">
                <RadioGroup layout="horizontal" className={styles.kinds} value={kind} onChange={(_e, data) => start({ kind: data.value as EditKind })}>
                  {kinds.map((k) => (
                    <Radio key={k.value} value={k.value} label={k.label} />
                  ))}
                </RadioGroup>
              </Field>

              {kind === 'move' && (
                <fieldset className={styles.row} style={{ border: 0, margin: 0, padding: 0 }}>
                  <legend className={shared.visuallyHidden}>New date and time, UK time</legend>
                  <Field label="Date" className={styles.narrow} {...validation('date')}>
                    <Input className={styles.control} type="date" value={values.date} onChange={(_e, d) => change('date', d.value)} />
                  </Field>
                  <Field label="Starts (UK time)" className={styles.narrow} {...validation('start')}>
                    <Input className={styles.control} type="time" value={values.start} onChange={(_e, d) => change('start', d.value)} />
                  </Field>
                  <Field label="Ends (UK time)" className={styles.narrow} {...validation('end')}>
                    <Input className={styles.control} type="time" value={values.end} onChange={(_e, d) => change('end', d.value)} />
                  </Field>
                </fieldset>
              )}

              {kind === 'capacity' && (
                <div className={styles.capacity}>
                  <Field
                    label="Places"
                    className={styles.places}
                    {...validation('capacity')}
                    hint={values.noLimit ? 'No limit: everyone who books gets a place.' : `${session.booked.toLocaleString('en-GB')} booked now.`}
                  >
                    <Input
                      className={styles.control}
                      type="number"
                      min={1}
                      step={1}
                      inputMode="numeric"
                      value={values.noLimit ? '' : values.capacity}
                      disabled={values.noLimit}
                      onChange={(_e, d) => change('capacity', d.value)}
                    />
                  </Field>
                  <Checkbox className={styles.noLimit} label="No limit" checked={values.noLimit} onChange={(_e, d) => change('noLimit', d.checked === true)} />
                </div>
              )}

              {kind === 'cancel' && (
                <Field
                  label="Message to officers"
                  required
                  {...validation('message')}
                  hint={`Sent with the cancellation to the ${countOf(session.booked, 'booked officer')} and ${session.waitlisted.toLocaleString('en-GB')} waiting.`}
                >
                  <Textarea
                    className={styles.control}
                    resize="vertical"
                    rows={3}
                    value={values.message}
                    onChange={(_e, d) => change('message', d.value)}
                    placeholder="Why it is cancelled, and what officers can do instead."
                  />
                </Field>
              )}

              {kind === 'recording' && (
                <>
                  <Field label="Title" required {...validation('title')}>
                    <Input className={styles.control} value={values.title} onChange={(_e, d) => change('title', d.value)} />
                  </Field>
                  <Field label="Knowledge Hub link" required hint="The https:// address of the recording on Knowledge Hub." {...validation('url')}>
                    <Input
                      className={styles.control}
                      type="url"
                      inputMode="url"
                      value={values.url}
                      placeholder="https://knowledgehub.group/web/…"
                      onChange={(_e, d) => change('url', d.value)}
                    />
                  </Field>
                  <div className={styles.row}>
                    <Field label="Length in minutes" className={styles.narrow} {...validation('durationMinutes')}>
                      <Input
                        className={styles.control}
                        type="number"
                        min={1}
                        step={1}
                        inputMode="numeric"
                        value={values.durationMinutes}
                        onChange={(_e, d) => change('durationMinutes', d.value)}
                      />
                    </Field>
                    <Field label="Posted on" className={styles.narrow} {...validation('postedOn')}>
                      <Input className={styles.control} type="date" value={values.postedOn} onChange={(_e, d) => change('postedOn', d.value)} />
                    </Field>
                  </div>
                </>
              )}

              {flow.step === 'invalid' && (
                <MessageBar intent="error" layout="multiline" id={`${ids}-invalid`}>
                  <MessageBarBody>
                    <MessageBarTitle>Nothing was published.</MessageBarTitle>
                    {general.length === 0 ? (
                      'Fix the fields marked, then preview again.'
                    ) : (
                      <ul className={styles.general}>
                        {general.map((p, i) => (
                          <li key={i}>{p.path ? `${p.path}: ${p.message}` : sentence(p.message)}</li>
                        ))}
                      </ul>
                    )}
                    {general.length === 0 && serverProblems.length === 0 && ` ${flow.failure.message}`}
                  </MessageBarBody>
                </MessageBar>
              )}

              {(flow.step === 'idle' || flow.step === 'invalid' || flow.step === 'checking') && (
                <div className={shared.actions}>
                  <Button type="submit" appearance="primary" icon={<Eye20Regular />} disabledFocusable={busy}>
                    Preview change
                  </Button>
                </div>
              )}
            </>
          )}
        </form>
      )}

      <PublicationPanel
        flow={flow}
        checkingLabel="Checking the change…"
        onPublish={publish}
        onRetry={() => flow.step !== 'idle' && preview(flow.request)}
        onDone={() => start({})}
        doneLabel="Make another change"
        renderInvalid={() => null}
      />
    </section>
  );
}

function blank(): Values {
  return {
    date: '',
    start: '',
    end: '',
    capacity: '',
    noLimit: false,
    message: '',
    title: '',
    url: '',
    durationMinutes: '',
    postedOn: ukParts(new Date()).date,
  };
}

/** The form as the session is now: the edit starts from its current time, places and title. */
function prefilled(session: OrganiserSession | undefined): Values {
  const values = blank();
  if (!session) return values;
  const starts = ukParts(session.startsAt);
  const ends = ukParts(session.endsAt);
  return {
    ...values,
    date: starts.date,
    start: starts.time,
    end: ends.time,
    capacity: session.capacity === null ? '' : String(session.capacity),
    noLimit: session.capacity === null,
    title: `${session.title} (recording)`,
  };
}

/** The edit the form describes, or what is missing (checked here so a blank form costs no round trip). */
function editOf(kind: EditKind, sessionId: string, v: Values): { edit?: QuickEdit; mistakes: Partial<Record<FieldName, string>> } {
  const mistakes: Partial<Record<FieldName, string>> = {};
  if (!sessionId) mistakes.sessionId = 'Choose the session to change.';
  switch (kind) {
    case 'move':
      if (!v.date) mistakes.date = 'Enter the new date.';
      if (!v.start) mistakes.start = 'Enter the start time.';
      if (!v.end) mistakes.end = 'Enter the end time.';
      return done({ kind, sessionId, date: v.date, start: v.start, end: v.end });
    case 'capacity':
      if (!v.noLimit && v.capacity.trim() === '') mistakes.capacity = 'Enter the number of places, or choose No limit.';
      return done({ kind, sessionId, capacity: v.noLimit ? null : Number(v.capacity) });
    case 'cancel':
      if (!v.message.trim()) mistakes.message = 'Write the message the officers get: why it is cancelled, and what they can do instead.';
      return done({ kind, sessionId, message: v.message.trim() });
    case 'recording': {
      if (!v.title.trim()) mistakes.title = 'Enter the title officers see.';
      if (!v.url.trim()) mistakes.url = 'Enter the Knowledge Hub link.';
      const edit: QuickEdit = { kind, sessionId, title: v.title.trim(), url: v.url.trim() };
      if (v.durationMinutes.trim()) edit.durationMinutes = Number(v.durationMinutes);
      if (v.postedOn) edit.postedOn = v.postedOn;
      return done(edit);
    }
  }
  function done(edit: QuickEdit) {
    return Object.keys(mistakes).length > 0 ? { mistakes } : { edit, mistakes };
  }
}

const fieldsOf: Record<EditKind, FieldName[]> = {
  move: ['date', 'start', 'end'],
  capacity: ['capacity'],
  cancel: ['message'],
  recording: ['title', 'url', 'durationMinutes', 'postedOn'],
};

/** The form field a problem names (its `path`), if the form shows that field. */
function fieldOf(problem: Problem, kind: EditKind): FieldName | undefined {
  const path = problem.path.replace(/^edit\./, '');
  if (path === 'sessionId') return 'sessionId';
  return fieldsOf[kind].find((f) => f === path);
}

/** Sessions by campaign, in the order the API lists them (soonest first). */
function groups(sessions: OrganiserSession[]): Array<[string, OrganiserSession[]]> {
  const byCampaign = new Map<string, OrganiserSession[]>();
  for (const s of sessions) {
    const name = s.campaignTitle ?? 'Other sessions';
    byCampaign.set(name, [...(byCampaign.get(name) ?? []), s]);
  }
  return [...byCampaign];
}

/** A message the server words as a clause ("give the start as hh:mm"), as a sentence beside its field. */
function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
