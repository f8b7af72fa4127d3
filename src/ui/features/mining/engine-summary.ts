import i18next from 'i18next';
import type { MiningEngine } from '../../../contract/views';

/** Which engine and how many threads: "fast engine × 4 threads". */
export function engineSummary(engine: MiningEngine, threads: number): string {
  return i18next.t('mine.engineSummary', { engine: i18next.t(`mine.engineNames.${engine}`), count: threads });
}
