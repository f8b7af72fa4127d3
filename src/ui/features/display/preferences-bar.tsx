import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, languageSchema } from '../../i18n/languages';
import { THEMES, useUiStore, type Theme } from '../../shared/store';

const isTheme = (value: string): value is Theme => (THEMES as readonly string[]).includes(value);

/** Language, theme and projector mode: how this browser shows the page, not a setting of the node. */
export function PreferencesBar() {
  const id = useId();
  const { t, i18n } = useTranslation();
  const preferences = useUiStore((state) => state.preferences);
  const setPreference = useUiStore((state) => state.setPreference);
  return (
    <form className="preferences" aria-label={t('preferences.label')} onSubmit={(event) => { event.preventDefault(); }}>
      <label htmlFor={`${id}-language`}>{t('preferences.language')}</label>
      <select
        id={`${id}-language`}
        value={i18n.language}
        onChange={(event) => {
          const parsed = languageSchema.safeParse(event.target.value);
          if (parsed.success) setPreference('language', parsed.data);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-theme`}>{t('preferences.theme')}</label>
      <select
        id={`${id}-theme`}
        value={preferences.theme}
        onChange={(event) => {
          if (isTheme(event.target.value)) setPreference('theme', event.target.value);
        }}
      >
        {THEMES.map((theme) => (
          <option key={theme} value={theme}>
            {t(`preferences.themes.${theme}`)}
          </option>
        ))}
      </select>
      <label className="toggle" title={t('preferences.projectorHint')}>
        <input
          type="checkbox"
          checked={preferences.projector}
          onChange={(event) => { setPreference('projector', event.target.checked); }}
        />
        {t('preferences.projector')}
      </label>
    </form>
  );
}
