import { useMutation } from '@tanstack/react-query';
import type { ImportResult } from '../../node/api';
import { downloadText } from '../download';
import { useNode } from '../node-context';
import { useActivity } from '../store';

/** Import chain: the file's text is validated in the worker and adopted only if valid. */
export function useImportChain() {
  const node = useNode();
  const record = useActivity((state) => state.record);
  return useMutation({
    mutationFn: async (file: File): Promise<ImportResult> => node.importChain(await file.text()),
    onSuccess: (result) => {
      record(
        result.adopted
          ? { kind: 'imported', text: `Imported a valid chain of ${result.length} blocks.` }
          : { kind: 'error', text: `Import refused: ${result.error}` },
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
