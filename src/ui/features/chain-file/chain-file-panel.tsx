import { useRef } from 'react';
import { MAX_CHAIN_CHARS, formatChars } from '../../../network/limits';
import { useTranslation } from 'react-i18next';
import { useExportChain, useImportChain } from './chain-file-queries';
import { useNodeStatusPart } from '../../shared/node-queries';
import { shortId } from '../../shared/format';
import { importRefusal } from './import-refusal';

export function ChainFilePanel() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const importChain = useImportChain();
  const exportChain = useExportChain();
  const id = useNodeStatusPart((status) => status.id).data;
  const result = importChain.data;
  return (
    <section className="panel" aria-labelledby="file-title">
      <h2 id="file-title">{t('chainFile.title')}</h2>
      <p className="hint">{t('chainFile.hint')}</p>
      <p className="hint" data-testid="import-limit">
        {t('chainFile.limit', { size: formatChars(MAX_CHAIN_CHARS) })}
      </p>
      <div className="row">
        <button
          type="button"
          onClick={() => { exportChain.mutate(`chain-${id === undefined ? 'node' : shortId(id)}.json`); }}
        >
          {t('chainFile.export')}
        </button>
        <button type="button" onClick={() => input.current?.click()} disabled={importChain.isPending}>
          {t('chainFile.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label={t('chainFile.fileLabel')}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) importChain.mutate(file);
            event.target.value = '';
          }}
        />
      </div>
      <div className="result" role="status" aria-live="polite" data-testid="import-result">
        {result?.adopted === true && <p>{t('chainFile.imported', { count: result.length })}</p>}
        {result?.adopted === false && (
          <p className="invalid">
            <span aria-hidden="true">✗ </span>
            {t('chainFile.refused', { reason: importRefusal(result) })}
          </p>
        )}
      </div>
    </section>
  );
}
