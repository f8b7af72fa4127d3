import { useRef } from 'react';
import { useExportChain, useImportChain } from '../queries/use-chain-file';
import { useNodeStatus } from '../queries/node-queries';
import { shortId } from '../format';
import { importRefusal } from '../verdict-text';

export function ChainFilePanel() {
  const input = useRef<HTMLInputElement>(null);
  const importChain = useImportChain();
  const exportChain = useExportChain();
  const status = useNodeStatus().data;
  const result = importChain.data;
  return (
    <section className="panel" aria-labelledby="file-title">
      <h2 id="file-title">Chain file</h2>
      <p className="hint">The file is the answer of the tutorial’s GET /chain, readable by the Python node.</p>
      <div className="row">
        <button
          type="button"
          onClick={() => { exportChain.mutate(`chain-${status ? shortId(status.id) : 'node'}.json`); }}
        >
          Export chain
        </button>
        <button type="button" onClick={() => input.current?.click()} disabled={importChain.isPending}>
          Import chain
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Chain file to import"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) importChain.mutate(file);
            event.target.value = '';
          }}
        />
      </div>
      <div className="result" role="status" aria-live="polite" data-testid="import-result">
        {result?.adopted === true && <p>Valid chain of {result.length} blocks imported and adopted.</p>}
        {result?.adopted === false && (
          <p className="invalid">
            <span aria-hidden="true">✗ </span>Not imported, nothing changed: {importRefusal(result)}
          </p>
        )}
      </div>
    </section>
  );
}
