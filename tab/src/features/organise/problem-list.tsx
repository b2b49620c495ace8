/**
 * Everything wrong with a catalog file, each problem by its line and column with the line itself
 * as written, so the organiser fixes the file in one pass.
 */
import { useId } from 'react';
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from '@fluentui/react-components';
import type { Problem } from '../../api/organiser-api.js';
import { countOf } from '../../format.js';
import { useSharedStyles } from './shared-styles.js';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  place: { fontVariantNumeric: 'tabular-nums' },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  message: { overflowWrap: 'anywhere' },
  source: {
    margin: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

export function ProblemList({ problems, fileName, source, message }: { problems: Problem[]; fileName: string; source?: string; message: string }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const headingId = useId();
  const lines = source?.split(/\r?\n/);
  return (
    <section className={shared.section} {...(problems.length > 0 ? { 'aria-labelledby': headingId } : {})} data-testid="problems">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Nothing was published.</MessageBarTitle>
          {problems.length > 0
            ? `${fileName} has ${countOf(problems.length, 'problem')}. Fix ${problems.length === 1 ? 'it' : 'them all'} in the file, then choose it again.`
            : message}
        </MessageBarBody>
      </MessageBar>
      {problems.length > 0 && (
        <>
          <Text as="h3" id={headingId} size={400} weight="semibold" className={shared.h3}>
            Problems in {fileName}
          </Text>
          <ol className={styles.list}>
            {problems.map((p, i) => {
              const line = p.line > 0 ? lines?.[p.line - 1] : undefined;
              return (
                <li key={i} className={styles.item} data-line={p.line} data-column={p.column}>
                  <Text weight="semibold" className={styles.place}>
                    {p.line > 0 ? `Line ${p.line}${p.column > 0 ? `, column ${p.column}` : ''}` : 'The whole file'}
                  </Text>
                  <Text className={styles.message}>
                    {p.path && (
                      <>
                        <span className={styles.path}>{p.path}</span>:{' '}
                      </>
                    )}
                    {p.message}
                  </Text>
                  {line !== undefined && line.trim() !== '' && (
                    <pre className={styles.source}>
                      <span className={shared.visuallyHidden}>The line reads: </span>
                      {line.trim()}
                    </pre>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
