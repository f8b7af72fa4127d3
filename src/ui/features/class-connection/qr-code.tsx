import { useEffect, useState } from 'react';

/** The dark modules of a QR code as one SVG path, one unit per module. */
interface QrDrawing {
  readonly text: string;
  readonly size: number;
  readonly path: string;
}

async function drawQr(text: string): Promise<QrDrawing> {
  // Fetched only when a join link is shown: the QR encoder stays out of the page's first load.
  const { create } = await import('qrcode');
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) if (modules.get(row, column)) path += `M${String(column)} ${String(row)}h1v1h-1z`;
  }
  return { text, size: modules.size, path };
}

/**
 * `text` as a QR code, drawn as SVG (the page's policy admits no image from data), with the
 * quiet zone of four modules a phone's camera needs, dark on light whatever the theme.
 */
export function QrCode({ text, label }: { readonly text: string; readonly label: string }) {
  const [drawing, setDrawing] = useState<QrDrawing | null>(null);
  useEffect(() => {
    let current = true;
    void drawQr(text).then((next) => {
      if (current) setDrawing(next);
    });
    return () => {
      current = false;
    };
  }, [text]);
  if (drawing?.text !== text) return <div className="qr-code" aria-hidden="true" />;
  const side = drawing.size + 8;
  return (
    <svg className="qr-code" viewBox={`-4 -4 ${String(side)} ${String(side)}`} role="img" aria-label={label} data-testid="join-qr" shapeRendering="crispEdges">
      <rect x={-4} y={-4} width={side} height={side} fill="#fff" />
      <path d={drawing.path} fill="#000" />
    </svg>
  );
}
