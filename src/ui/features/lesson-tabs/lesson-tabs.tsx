import { lazy, Suspense, useId, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNodePending } from '../../shared/node-queries';
import { LESSON_TABS, useUiStore, type LessonTab } from '../../shared/store';
import { tabKeyTarget } from './tab-keys';

// Each panel is loaded after the first screen is drawn: the chain and the action bar come first.
const PANELS: Readonly<Record<LessonTab, LazyExoticComponent<ComponentType>>> = {
  pending: lazy(() => import('../transactions/pending-panel').then((module) => ({ default: module.PendingPanel }))),
  balances: lazy(() => import('../balances/balances-panel').then((module) => ({ default: module.BalancesPanel }))),
  rules: lazy(() => import('../rules/rules-panel').then((module) => ({ default: module.RulesPanel }))),
  mining: lazy(() => import('../mining/mining-settings-panel').then((module) => ({ default: module.MiningSettingsPanel }))),
  chainFile: lazy(() => import('../chain-file/chain-file-panel').then((module) => ({ default: module.ChainFilePanel }))),
  thisNode: lazy(() => import('../this-node/node-panel').then((module) => ({ default: module.NodePanel }))),
  console: lazy(() => import('../console/api-console').then((module) => ({ default: module.ApiConsole }))),
  activity: lazy(() => import('../activity/activity-log').then((module) => ({ default: module.ActivityLog }))),
};

function TabLabel({ tab }: { tab: LessonTab }) {
  const { t } = useTranslation();
  const pending = useNodePending().data?.length;
  if (tab === 'pending') return <>{t('lessonTabs.pendingCount', { count: pending ?? 0 })}</>;
  return <>{t(`lessonTabs.${tab}`)}</>;
}

/**
 * Everything beyond the chain and the action bar, one click (or arrow key) away: a WAI-ARIA
 * tab list. Every panel stays mounted while hidden, so what it says is ready when it opens.
 */
export function LessonTabs() {
  const { t } = useTranslation();
  const id = useId();
  const open = useUiStore((state) => state.lessonTab);
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
      {LESSON_TABS.map((tab) => {
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
            <Suspense fallback={null}>
              <Panel />
            </Suspense>
          </div>
        );
      })}
    </section>
  );
}
