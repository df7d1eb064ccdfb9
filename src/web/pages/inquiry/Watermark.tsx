import type { ReactNode } from 'react';

/**
 * APP-9: the viewer's name, login ID, unit, time and terminal tiled across whatever it covers, to
 * deter photographing the screen or a printout. An SVG tile drawn at render time as a CSS background:
 * sized in CSS pixels and repeated, so it stays dense at any zoom, and kept in print
 * (print-color-adjust: exact). The overlay is aria-hidden and lets clicks through; the same text is
 * given once as a caption so assistive technology and the reader both know who it identifies.
 */

const TILE_WIDTH = 420;
const TILE_HEIGHT = 220;

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SVG tile as a data URL: two lines of text at -24°, grey at low opacity. */
export function watermarkTile(lines: readonly string[]): string {
  const text = lines.map((line, i) => `<tspan x="${TILE_WIDTH / 2}" dy="${i === 0 ? 0 : 22}">${escapeXml(line)}</tspan>`).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${TILE_WIDTH}" height="${TILE_HEIGHT}">` +
    `<text x="${TILE_WIDTH / 2}" y="${TILE_HEIGHT / 2 - 10}" text-anchor="middle" font-family="sans-serif" font-size="16" ` +
    `fill="#1a1a1a" fill-opacity="0.16" transform="rotate(-24 ${TILE_WIDTH / 2} ${TILE_HEIGHT / 2})">${text}</text></svg>`;
  return `url("data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}")`;
}

export interface WatermarkInfo {
  name: string;
  loginId: string;
  unit: string | null;
  /** Date and time as the reader reads it (和暦 in Japanese). */
  atText: string;
  terminal: string | null;
}

export function watermarkLines(info: WatermarkInfo): string[] {
  return [
    `${info.name}（${info.loginId}）${info.unit ? ` ${info.unit}` : ''}`,
    `${info.atText}${info.terminal ? ` ${info.terminal}` : ''}`,
  ];
}

/** Wraps content with the tiled overlay; `caption` is the one readable copy of the watermark text. */
export function WatermarkArea({ info, caption, children }: { info: WatermarkInfo; caption: ReactNode; children: ReactNode }) {
  const lines = watermarkLines(info);
  return (
    <div className="relative">
      <p className="mb-2 text-std-16N-170 text-solid-gray-800">{caption}</p>
      {children}
      <div
        aria-hidden="true"
        data-testid="watermark"
        data-watermark={lines.join(' ')}
        className="pointer-events-none absolute inset-0 z-10 select-none"
        style={{
          backgroundImage: watermarkTile(lines),
          backgroundRepeat: 'repeat',
          backgroundSize: `${TILE_WIDTH}px ${TILE_HEIGHT}px`,
          printColorAdjust: 'exact',
          WebkitPrintColorAdjust: 'exact',
        }}
      />
    </div>
  );
}
