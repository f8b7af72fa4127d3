import { useMutation } from '@tanstack/react-query';
import i18next from 'i18next';
import type { ImportResult } from '../../../contract/results';
import { downloadText } from '../../shared/download';
import { useNode } from '../../connection/node-context';
import { useUiStore } from '../../shared/store';
import { importRefusal } from './import-refusal';

/** Import chain: the file's text is validated in the worker and adopted only if valid. */
export function useImportChain() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  return useMutation({
    mutationFn: async (file: File): Promise<ImportResult> => node.importChain(await file.text()),
    onSuccess: (result) => {
      record(
        result.adopted
          ? { kind: 'imported', text: i18next.t('activity.imported', { count: result.length }) }
          : { kind: 'error', text: i18next.t('activity.importRefused', { reason: importRefusal(result) }) },
      );
    },
  });
}

/** Export chain: downloads `{"chain": [...], "length": N}` exactly as GET /chain answers. */
export function useExportChain() {
  const node = useNode();
  return useMutation({
    mutationFn: async (fileName: string) => {
      downloadText(await node.exportChain(), fileName, 'application/json');
    },
  });
}
