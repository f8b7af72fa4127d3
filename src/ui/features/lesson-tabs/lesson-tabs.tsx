import { lazy, Suspense, useEffect, useId, useRef, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNodePending } from '../../shared/node-queries';
import { LESSON_TABS, useUiStore, type LessonTab } from '../../shared/store';
import { PANEL_MODULES } from './panel-modules';
import { tabKeyTarget } from './tab-keys';

// Each panel is its own chunk, fetched while the node starts (see panel-modules.ts).
const PANELS: Readonly<Record<LessonTab, LazyExoticComponent<ComponentType>>> = {
  pending: lazy(() => PANEL_MODULES.pending().then((module) => ({ default: module.PendingPanel }))),
  balances: lazy(() => PANEL_MODULES.balances().then((module) => ({ default: module.BalancesPanel }))),
  rules: lazy(() => PANEL_MODULES.rules().then((module) => ({ default: module.RulesPanel }))),
  mining: lazy(() => PANEL_MODULES.mining().then((module) => ({ default: module.MiningSettingsPanel }))),
  chainFile: lazy(() => PANEL_MODULES.chainFile().then((module) => ({ default: module.ChainFilePanel }))),
  thisNode: lazy(() => PANEL_MODULES.thisNode().then((module) => ({ default: module.NodePanel }))),
  console: lazy(() => PANEL_MODULES.console().then((module) => ({ default: module.ApiConsole }))),
  activity: lazy(() => PANEL_MODULES.activity().then((module) => ({ default: module.ActivityLog }))),
};

function TabLabel({ tab }: { tab: LessonTab }) {
  const { t } = useTranslation();
  const pending = useNodePending().data?.length;
  if (tab === 'pending') return <>{t('lessonTabs.pendingCount', { count: pending ?? 0 })}</>;
  return <>{t(`lessonTabs.${tab}`)}</>;
}

/** Runs `task` when the page is idle (soon, if it never is). */
function whenIdle(task: () => void): () => void {
  if ('requestIdleCallback' in window) {
    const handle = window.requestIdleCallback(task, { timeout: 1000 });
    return () => { window.cancelIdleCallback(handle); };
  }
  const handle = setTimeout(task, 50);
  return () => { clearTimeout(handle); };
}

/**
 * How many of the panels are mounted, in tab order: one more each time the page is idle, so
 * that loading and drawing them never holds up a mining tab's page for long in one piece.
 */
function useMountedPanels(): number {
  const [mounted, setMounted] = useState(0);
  useEffect(() => {
    if (mounted >= LESSON_TABS.length) return;
    return whenIdle(() => { setMounted((count) => count + 1); });
  }, [mounted]);
  return mounted;
}

/**
 * Everything beyond the chain and the action bar, one click (or arrow key) away: a WAI-ARIA
 * tab list. Every panel is mounted soon after the page starts and stays mounted while hidden,
 * so what it says is ready when it opens.
 */
export function LessonTabs() {
  const { t } = useTranslation();
  const id = useId();
  const open = useUiStore((state) => state.lessonTab);
  const mounted = useMountedPanels();
  const openTab = useUiStore((state) => state.openLessonTab);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <section className="lesson-tabs" aria-label={t('lessonTabs.label')}>
      <div
        role="tablist"
        aria-label={t('lessonTabs.label')}
        className="tab-list"
        onKeyDown={(event) => {
          const target = tabKeyTarget(event.key, LESSON_TABS.indexOf(open), LESSON_TABS.length);
          const tab = target === null ? undefined : LESSON_TABS[target];
          if (target === null || tab === undefined) return;
          event.preventDefault();
          openTab(tab);
          tabs.current[target]?.focus();
        }}
      >
        {LESSON_TABS.map((tab, i) => (
          <button
            key={tab}
            ref={(element) => { tabs.current[i] = element; }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            aria-selected={tab === open}
            aria-controls={`${id}-panel-${tab}`}
            tabIndex={tab === open ? 0 : -1}
            data-tab={tab}
            onClick={() => { openTab(tab); }}
          >
            <TabLabel tab={tab} />
          </button>
        ))}
      </div>
      {LESSON_TABS.map((tab, i) => {
        const Panel = PANELS[tab];
        return (
          <div
            key={tab}
            role="tabpanel"
            id={`${id}-panel-${tab}`}
            aria-labelledby={`${id}-tab-${tab}`}
            hidden={tab !== open}
            tabIndex={0}
            className="tab-panel"
          >
            {(tab === open || i < mounted) && (
              <Suspense fallback={null}>
                <Panel />
              </Suspense>
            )}
          </div>
        );
      })}
    </section>
  );
}
