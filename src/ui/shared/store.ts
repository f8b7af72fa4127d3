// The store parses what it reads back as soon as it is created: zod must be told first not to compile with eval.
import '../../core/zod-without-eval';
// zod/mini keeps the page's first bundle small.
import * as z from 'zod/mini';
import { create, type StateCreator } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { languageSchema, type Language } from '../i18n/languages';

export type ActivityKind = 'mined' | 'transaction' | 'registered' | 'resolved' | 'imported' | 'error';

export interface ActivityEntry {
  readonly id: number;
  readonly at: number;
  readonly kind: ActivityKind;
  readonly text: string;
}

const MAX_ACTIVITY = 50;

/** What this page did, newest first. Node data lives in react-query, not here. */
interface ActivitySlice {
  readonly entries: readonly ActivityEntry[];
  record: (entry: { kind: ActivityKind; text: string }) => void;
}

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** How this browser shows the page; kept in localStorage, the same for every tab. */
export interface Preferences {
  readonly theme: Theme;
  /** large type and high contrast, for the back of a classroom */
  readonly projector: boolean;
  /** null: follow the browser's languages */
  readonly language: Language | null;
}

interface PreferencesSlice {
  readonly preferences: Preferences;
  setPreference: <K extends keyof Preferences>(key: K, value: Preferences[K]) => void;
}

/** The panels one click away from the main view, in the order of their tabs. */
export const LESSON_TABS = ['pending', 'balances', 'rules', 'mining', 'chainFile', 'thisNode', 'console', 'activity'] as const;
export type LessonTab = (typeof LESSON_TABS)[number];

/** Which of them is open: a choice of this page only. */
interface LessonTabSlice {
  readonly lessonTab: LessonTab;
  openLessonTab: (tab: LessonTab) => void;
}

export type UiState = ActivitySlice & PreferencesSlice & LessonTabSlice;

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', projector: false, language: null };

/** Stored preferences are read back from unknown: a bad or old value falls back to the default. */
const storedPreferencesSchema = z.object({
  preferences: z.object({
    theme: z.catch(z.enum(THEMES), DEFAULT_PREFERENCES.theme),
    projector: z.catch(z.boolean(), DEFAULT_PREFERENCES.projector),
    language: z.catch(z.nullable(languageSchema), DEFAULT_PREFERENCES.language),
  }),
});

/** localStorage key of the preferences; other tabs listen for changes to it. */
export const PREFERENCES_KEY = 'tabchain:preferences';

let nextActivityId = 1;

const createActivitySlice: StateCreator<UiState, [], [], ActivitySlice> = (set) => ({
  entries: [],
  record: (entry) => {
    set((state) => ({ entries: [{ ...entry, id: nextActivityId++, at: Date.now() }, ...state.entries].slice(0, MAX_ACTIVITY) }));
  },
});

const createPreferencesSlice: StateCreator<UiState, [], [], PreferencesSlice> = (set) => ({
  preferences: DEFAULT_PREFERENCES,
  setPreference: (key, value) => {
    set((state) => ({ preferences: { ...state.preferences, [key]: value } }));
  },
});

const createLessonTabSlice: StateCreator<UiState, [], [], LessonTabSlice> = (set) => ({
  lessonTab: 'pending',
  openLessonTab: (tab) => { set({ lessonTab: tab }); },
});

/** UI-only state, one store made of slices; read it through selectors. */
export const useUiStore = create<UiState>()(
  persist(
    (...args) => ({ ...createActivitySlice(...args), ...createPreferencesSlice(...args), ...createLessonTabSlice(...args) }),
    {
      name: PREFERENCES_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ preferences: state.preferences }),
      merge: (stored, current) => {
        const parsed = storedPreferencesSchema.safeParse(stored);
        return parsed.success ? { ...current, preferences: parsed.data.preferences } : current;
      },
    },
  ),
);
