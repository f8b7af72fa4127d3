import { useEffect } from 'react';
import { startI18n, switchLanguage } from '../../i18n/i18n';
import { chooseLanguage, type Language } from '../../i18n/languages';
import { parseProjectorParam } from './projector-param';
import { PREFERENCES_KEY, useUiStore, type Theme } from '../../shared/store';

function languageFor(search: string | null, preferred: Language | null): { language: Language; warning: string | null } {
  return chooseLanguage({
    param: search === null ? null : new URLSearchParams(search).get('lang'),
    preferred,
    browser: navigator.languages,
  });
}

/**
 * Before the first render: the language (`?lang=`, then the one chosen on the page before,
 * then the browser's), the theme and projector mode (`?projector=`, then the switch) on `<html>`.
 * Returns what was ignored.
 */
export async function startDisplay(search: string): Promise<readonly string[]> {
  const { preferences, setPreference } = useUiStore.getState();
  const { language, warning } = languageFor(search, preferences.language);
  const i18n = await startI18n(language);
  document.documentElement.lang = language;
  i18n.on('languageChanged', (changed) => {
    document.documentElement.lang = changed;
  });
  // A link for the projector sets the mode as its switch does (kept in this browser).
  const projector = parseProjectorParam(search);
  if (projector.projector !== null) setPreference('projector', projector.projector);
  applyTheme(preferences.theme);
  applyProjector(projector.projector ?? preferences.projector);
  return [warning, projector.warning].filter((text) => text !== null);
}

const prefersDark = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

function applyTheme(theme: Theme): void {
  const resolved = theme === 'system' ? (prefersDark().matches ? 'dark' : 'light') : theme;
  document.documentElement.dataset['theme'] = resolved;
}

function applyProjector(on: boolean): void {
  if (on) document.documentElement.dataset['projector'] = 'on';
  else delete document.documentElement.dataset['projector'];
}

/** Keeps `<html>` in step with the preferences, the system theme, and other tabs' choices. */
export function useDisplayPreferences(): void {
  const theme = useUiStore((state) => state.preferences.theme);
  const projector = useUiStore((state) => state.preferences.projector);
  const language = useUiStore((state) => state.preferences.language);

  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return;
    const query = prefersDark();
    const follow = () => { applyTheme('system'); };
    query.addEventListener('change', follow);
    return () => { query.removeEventListener('change', follow); };
  }, [theme]);

  useEffect(() => {
    applyProjector(projector);
  }, [projector]);

  useEffect(() => {
    // A choice made on the page (or in another tab) wins over ?lang= from then on.
    if (language === null) return;
    void switchLanguage(language);
  }, [language]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === PREFERENCES_KEY) void useUiStore.persist.rehydrate();
    };
    window.addEventListener('storage', onStorage);
    return () => { window.removeEventListener('storage', onStorage); };
  }, []);
}
