import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { utc } from '../../components/format';
import { autoWidths, cellKind, cellText, indexWidth, isTimeValue } from './result';

const ROW_PX = 26;
const HEADER_PX = 30;
const MIN_COL = 48;

/**
 * Query results in a virtualised grid: only the rows in view are in the DOM, the header stays on
 * top, columns start at a width that fits their content and can be resized (drag the edge, or
 * focus it and use ←/→; double-click fits it again).
 */
export function ResultGrid({ columns, rows }: { columns: string[]; rows: unknown[][] }) {
  const scroller = useRef<HTMLDivElement>(null);
  // One grid per result (the console keys it by run), so widths start fitted to these columns.
  const fitted = useMemo(() => autoWidths(columns, rows), [columns, rows]);
  const [widths, setWidths] = useState(fitted);
  const idxW = indexWidth(rows.length);
  const template = `${idxW}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalW = idxW + widths.reduce((a, b) => a + b, 0);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
    scrollPaddingStart: HEADER_PX,
  });

  const resize = (i: number, w: number) => setWidths((cur) => cur.map((x, j) => (j === i ? Math.max(MIN_COL, Math.round(w)) : x)));

  const startDrag = (i: number) => (e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    const startX = e.clientX;
    const startW = widths[i]!;
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => resize(i, startW + ev.clientX - startX);
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  const keyResize = (i: number) => (e: KeyboardEvent<HTMLSpanElement>) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      resize(i, widths[i]! + (e.key === 'ArrowRight' ? 16 : -16));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      resize(i, fitted[i]!);
    }
  };

  return (
    <div
      className="sql-grid"
      ref={scroller}
      role="grid"
      aria-label="Query results"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      tabIndex={0}
      data-testid="sql-grid"
    >
      <div className="sql-grid-inner" style={{ width: totalW, height: HEADER_PX + virtualizer.getTotalSize() }}>
        <div className="sql-grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, width: totalW, height: HEADER_PX }}>
          <span role="columnheader" className="sql-cell idx">
            #
          </span>
          {columns.map((c, i) => (
            <span role="columnheader" key={i} className="sql-cell" title={c}>
              <span className="sql-col-name">{c}</span>
              <span
                className="sql-col-resize"
                role="separator"
                aria-orientation="vertical"
                aria-label={`Resize column ${c}`}
                aria-valuenow={widths[i]}
                aria-valuemin={MIN_COL}
                tabIndex={0}
                onPointerDown={startDrag(i)}
                onDoubleClick={() => resize(i, fitted[i]!)}
                onKeyDown={keyResize(i)}
                title="Drag to resize; double-click to fit"
              />
            </span>
          ))}
        </div>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          return (
            <div
              key={v.key}
              role="row"
              aria-rowindex={v.index + 2}
              className={`sql-grid-row${v.index % 2 ? ' odd' : ''}`}
              style={{ gridTemplateColumns: template, width: totalW, height: ROW_PX, transform: `translateY(${HEADER_PX + v.start}px)` }}
            >
              <span role="rowheader" className="sql-cell idx">
                {v.index + 1}
              </span>
              {columns.map((c, i) => {
                const value = row[i];
                const kind = cellKind(value);
                const text = cellText(value);
                const time = isTimeValue(c, value) ? utc(value, true) : null;
                return (
                  <span role="gridcell" key={i} className={`sql-cell ${kind}`} title={time ? `${text} = ${time}` : text.length > 20 ? text : undefined}>
                    {text}
                  </span>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
