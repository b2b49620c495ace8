/**
 * Publish: the organiser chooses (or drops) a catalog YAML file; it is checked at once, and shows
 * either every problem in it or what publishing it would change, then publishes on request.
 */
import { useCallback, useRef, useState, type DragEvent } from 'react';
import { Button, makeStyles, MessageBar, MessageBarBody, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, DocumentArrowUpRegular } from '@fluentui/react-icons';
import { maxCatalogBytes, type OrganiserApi, type Publication } from '../../api/organiser-api.js';
import { ProblemList } from './problem-list.js';
import { PublicationPanel, failureText } from './publication-panel.js';
import { useSharedStyles } from './shared-styles.js';
import { useDownloads } from './use-download.js';
import { usePublication } from './use-publication.js';

interface ChosenFile {
  name: string;
  size: number;
  text: string;
}

const useStyles = makeStyles({
  drop: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    '@media (max-width: 480px)': { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}` },
  },
  dragging: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  dropIcon: { fontSize: '32px', color: tokens.colorBrandForeground1 },
  // Phones and tablets cannot drag a file in: the button says it all.
  dropHint: { '@media (pointer: coarse)': { display: 'none' } },
  chosen: { overflowWrap: 'anywhere' },
});

export function PublishSection({ api, onPublished }: { api: OrganiserApi; onPublished(publication: Publication): void }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [refused, setRefused] = useState<string>();
  const send = useCallback((file: ChosenFile, options: { dryRun: boolean; baseVersion?: number }) => api.putCatalog(file.text, options), [api]);
  const { flow, preview, publish, reset } = usePublication(send, onPublished);
  const downloads = useDownloads();
  const file = flow.step === 'idle' ? undefined : flow.request;

  const take = async (chosen: File | undefined) => {
    if (!chosen) return;
    reset();
    setRefused(undefined);
    if (chosen.size > maxCatalogBytes) {
      setRefused(`${chosen.name} is ${megabytes(chosen.size)}; a catalog file can be at most 2 MB.`);
      return;
    }
    let text: string;
    try {
      text = await chosen.text();
    } catch {
      setRefused(`${chosen.name} could not be read. Save it again, then choose it again.`);
      return;
    }
    preview({ name: chosen.name, size: chosen.size, text });
  };

  const over = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0]);
  };

  return (
    <section className={shared.section} aria-labelledby="publish-heading">
      <div className={shared.sectionHeader}>
        <Text as="h2" id="publish-heading" size={500} weight="semibold" className={shared.h2}>
          Publish a catalog file
        </Text>
        <Text>
          The catalog file lists every campaign, session and recording. Choose the edited file: it is checked at once, and you see what it changes for booked
          officers before anything is published.
        </Text>
      </div>

      <div
        className={mergeClasses(styles.drop, dragging && styles.dragging)}
        onDragEnter={over}
        onDragOver={over}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="drop-zone"
      >
        <DocumentArrowUpRegular className={styles.dropIcon} aria-hidden />
        <Text weight="semibold" className={styles.dropHint}>
          Drop the catalog file here, or
        </Text>
        <Button appearance="primary" onClick={() => input.current?.click()}>
          Choose a YAML file
        </Button>
        <input
          ref={input}
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml,text/plain"
          hidden
          aria-hidden
          tabIndex={-1}
          data-testid="catalog-file"
          onChange={(event) => {
            const chosen = event.currentTarget.files?.[0];
            // Cleared, so choosing the same file again (after fixing it) checks it again.
            event.currentTarget.value = '';
            void take(chosen);
          }}
        />
        <Text size={200} className={shared.muted}>
          YAML, up to 2 MB. Nothing is published until you press Publish.
        </Text>
        {file && (
          <Text size={200} className={styles.chosen} data-testid="chosen-file">
            Chosen: <strong>{file.name}</strong> ({kilobytes(file.size)})
          </Text>
        )}
      </div>

      <div className={shared.actions}>
        <Text size={200}>Start from the catalog as it is published now:</Text>
        <Button
          size="small"
          icon={<ArrowDownload20Regular />}
          onClick={() => downloads.start('current', () => api.catalogYaml())}
          disabledFocusable={downloads.busy === 'current'}
        >
          {downloads.busy === 'current' ? 'Downloading…' : 'Download current YAML'}
        </Button>
      </div>
      {downloads.failure && (
        <MessageBar intent="error">
          <MessageBarBody>The catalog could not be downloaded. {failureText(downloads.failure.failure)}</MessageBarBody>
        </MessageBar>
      )}

      {refused && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{refused}</MessageBarBody>
        </MessageBar>
      )}

      <PublicationPanel
        flow={flow}
        checkingLabel={`Checking ${file?.name ?? 'the file'}…`}
        onPublish={publish}
        onRetry={() => file && preview(file)}
        onDone={reset}
        doneLabel="Choose another file"
        renderInvalid={(failure) => (
          <ProblemList problems={failure.problems} fileName={file?.name ?? 'The file'} source={file?.text} message={failure.message} />
        )}
      />
    </section>
  );
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.ceil(bytes / 1024).toLocaleString('en-GB')} KB`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
