/**
 * A row of tabs in the look of Fluent's TabList, without its weight (TabList brings in tabster's
 * arrow-key machinery, about a seventh of the tab's bundle, for every officer). The WAI-ARIA
 * tabs pattern with manual activation: one Tab stop, arrows, Home and End move between the tabs,
 * Enter, Space or a click opens one.
 */
import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import { createFocusOutlineStyle, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

export interface TabItem<V extends string> {
  value: V;
  label: string;
  icon?: ReactElement;
  /** The tab's element id (its panel is labelled by it). */
  id: string;
  /** The id of the panel it shows, once that panel is in the page. */
  controls?: string;
}

const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', alignItems: 'stretch', minWidth: 0 },
  tab: {
    position: 'relative',
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalSNudge,
    padding: `${tokens.spacingVerticalMNudge} ${tokens.spacingHorizontalMNudge}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightRegular,
    cursor: 'pointer',
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalMNudge,
      right: tokens.spacingHorizontalMNudge,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: 'transparent',
    },
    ':hover': { color: tokens.colorNeutralForeground2Hover, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':hover::after': { backgroundColor: tokens.colorNeutralStroke1Hover },
    ':active': { color: tokens.colorNeutralForeground2Pressed, backgroundColor: tokens.colorSubtleBackgroundPressed },
    '@media (forced-colors: active)': { ':hover::after': { forcedColorAdjust: 'none', backgroundColor: 'CanvasText' } },
  },
  focus: createFocusOutlineStyle(),
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::after': { backgroundColor: tokens.colorCompoundBrandStroke },
    ':hover': { color: tokens.colorNeutralForeground1Hover },
    ':hover::after': { backgroundColor: tokens.colorCompoundBrandStrokeHover },
    // On a hovered tab the icon takes the text's colour: the brand colour can be the hover background (high contrast).
    ':hover > [data-tab-icon]': { color: 'inherit' },
    '@media (forced-colors: active)': {
      '::after': { forcedColorAdjust: 'none', backgroundColor: 'Highlight' },
      ':hover::after': { forcedColorAdjust: 'none', backgroundColor: 'Highlight' },
    },
  },
  icon: { display: 'inline-flex', fontSize: '20px', lineHeight: 0 },
  selectedIcon: { color: tokens.colorCompoundBrandForeground1 },
  // The label reserves its bold width, so selecting a tab never shifts the others.
  label: {
    display: 'inline-flex',
    flexDirection: 'column',
    alignItems: 'center',
    '::after': { content: 'attr(data-text)', height: 0, overflow: 'hidden', visibility: 'hidden', fontWeight: tokens.fontWeightSemibold, userSelect: 'none' },
  },
});

export function TabBar<V extends string>({
  items,
  selected,
  onSelect,
  label,
  className,
}: {
  items: Array<TabItem<V>>;
  selected: V;
  onSelect(value: V): void;
  /** What the tabs choose between, for screen readers. */
  label: string;
  className?: string;
}) {
  const styles = useStyles();
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const keyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = items.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    buttons.current[next]?.focus();
  };

  return (
    <div role="tablist" aria-label={label} className={mergeClasses(styles.list, className)}>
      {items.map((item, index) => {
        const isSelected = item.value === selected;
        return (
          <button
            key={item.value}
            ref={(el) => void (buttons.current[index] = el)}
            type="button"
            role="tab"
            id={item.id}
            aria-selected={isSelected}
            {...(item.controls ? { 'aria-controls': item.controls } : {})}
            tabIndex={isSelected ? 0 : -1}
            className={mergeClasses(styles.tab, styles.focus, isSelected && styles.selected)}
            onClick={() => onSelect(item.value)}
            onKeyDown={(event) => keyDown(event, index)}
          >
            {item.icon && (
              <span className={mergeClasses(styles.icon, isSelected && styles.selectedIcon)} data-tab-icon aria-hidden>
                {item.icon}
              </span>
            )}
            <span className={styles.label} data-text={item.label}>
              {item.label}
            </span>
          </button>
        );
      })}
    </div>
  );
}
