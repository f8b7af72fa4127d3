import i18next from 'i18next';
import * as z from 'zod/mini';

const projectorParam = z.enum(['0', '1']);

/**
 * `?projector=1` turns projector mode on (and `0` off) for a link shared with the class; a
 * bad value is ignored with a warning in the page's language, like the other parameters.
 */
export function parseProjectorParam(search: string): { projector: boolean | null; warning: string | null } {
  const raw = new URLSearchParams(search).get('projector');
  if (raw === null) return { projector: null, warning: null };
  const parsed = projectorParam.safeParse(raw);
  if (parsed.success) return { projector: parsed.data === '1', warning: null };
  return { projector: null, warning: i18next.t('nodeMessages.paramNotSwitch', { name: 'projector', value: raw }) };
}
