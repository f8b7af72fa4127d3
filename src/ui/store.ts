import { create } from 'zustand';

export type ActivityKind = 'mined' | 'transaction' | 'resolved' | 'imported' | 'error';

export interface ActivityEntry {
  readonly id: number;
  readonly at: number;
  readonly kind: ActivityKind;
  readonly text: string;
}

const MAX_ACTIVITY = 50;

/** UI-only state: what this page did, newest first. Node data lives in react-query. */
interface ActivityState {
  readonly entries: readonly ActivityEntry[];
  record: (entry: { kind: ActivityKind; text: string }) => void;
}

let nextId = 1;

export const useActivity = create<ActivityState>()((set) => ({
  entries: [],
  record: (entry) => {
    set((state) => ({ entries: [{ ...entry, id: nextId++, at: Date.now() }, ...state.entries].slice(0, MAX_ACTIVITY) }));
  },
}));
