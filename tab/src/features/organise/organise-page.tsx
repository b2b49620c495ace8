/**
 * Organise, for the events team: publish the catalog (a file, or a quick edit), see who has
 * booked, and the history of versions. Each section keeps its state while another is open, and
 * a publish anywhere refreshes what the others show.
 */
import { useCallback, useState, type ReactElement } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { DocumentArrowUp20Regular, Edit20Regular, History20Regular, People20Regular } from '@fluentui/react-icons';
import type { OrganiserApi, Publication } from '../../api/organiser-api.js';
import { HistorySection } from './history-section.js';
import { PublishSection } from './publish-section.js';
import { QuickEditsSection } from './quick-edits-section.js';
import { RegistrationsSection } from './registrations-section.js';
import { TabBar } from '../../ui/tab-bar.js';
import { usePageStyles } from '../../ui/page-styles.js';

export type OrganiseSection = 'publish' | 'edits' | 'registrations' | 'history';

const sections: Array<{ value: OrganiseSection; label: string; icon: ReactElement }> = [
  { value: 'publish', label: 'Publish', icon: <DocumentArrowUp20Regular /> },
  { value: 'edits', label: 'Quick edits', icon: <Edit20Regular /> },
  { value: 'registrations', label: 'Registrations', icon: <People20Regular /> },
  { value: 'history', label: 'History', icon: <History20Regular /> },
];

const useStyles = makeStyles({
  tabs: { flexWrap: 'wrap', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  panel: { paddingTop: tokens.spacingVerticalS, minWidth: 0 },
});

export function OrganisePage({ api }: { api: OrganiserApi }) {
  const styles = useStyles();
  const page = usePageStyles();
  const [section, setSection] = useState<OrganiseSection>('publish');
  // Sections once opened stay mounted (hidden), so a half-done edit survives a look at the history.
  const [opened, setOpened] = useState<ReadonlySet<OrganiseSection>>(() => new Set(['publish']));
  const [revision, setRevision] = useState(0);
  const published = useCallback((publication: Publication) => {
    if (!publication.summary.unchanged) setRevision((n) => n + 1);
  }, []);

  const open = (next: OrganiseSection) => {
    setSection(next);
    setOpened((was) => (was.has(next) ? was : new Set([...was, next])));
  };

  return (
    <main className={page.page}>
      <header className={page.header}>
        <Text as="h1" size={600} weight="semibold" className={page.h1}>
          Organise
        </Text>
        <Text>Publish the sessions programme, make quick changes, and see who has booked. Times are UK time.</Text>
      </header>

      <TabBar
        className={styles.tabs}
        label="Organise"
        selected={section}
        onSelect={open}
        items={sections.map((s) => ({
          value: s.value,
          label: s.label,
          icon: s.icon,
          id: `organise-tab-${s.value}`,
          ...(opened.has(s.value) ? { controls: `organise-panel-${s.value}` } : {}),
        }))}
      />

      {sections.map(
        (s) =>
          opened.has(s.value) && (
            <div
              key={s.value}
              role="tabpanel"
              id={`organise-panel-${s.value}`}
              aria-labelledby={`organise-tab-${s.value}`}
              hidden={section !== s.value}
              className={styles.panel}
            >
              {s.value === 'publish' && <PublishSection api={api} onPublished={published} />}
              {s.value === 'edits' && <QuickEditsSection api={api} revision={revision} onPublished={published} />}
              {s.value === 'registrations' && <RegistrationsSection api={api} revision={revision} />}
              {s.value === 'history' && <HistorySection api={api} revision={revision} />}
            </div>
          ),
      )}
    </main>
  );
}
