import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A button that opens a panel below it. The panel lives in a layer above the page (so scrolling
 * panes and lanes never clip or cover it); focus moves into it, and Escape or a click outside
 * closes it and gives focus back to the button.
 */
export function Popover({
  label,
  title,
  children,
  testId,
  align = 'left',
  className = '',
}: {
  label: ReactNode;
  title: string;
  children: (close: () => void) => ReactNode;
  testId?: string;
  align?: 'left' | 'right';
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const [pos, setPos] = useState<{ top: number; left?: number; right?: number; maxHeight: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();

  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const r = button.current?.getBoundingClientRect();
      if (!r) return;
      const top = r.bottom + 4;
      const maxHeight = Math.max(160, window.innerHeight - top - 12);
      setPos(align === 'right' ? { top, right: Math.max(8, window.innerWidth - r.right), maxHeight } : { top, left: Math.max(8, Math.min(r.left, window.innerWidth - 320)), maxHeight });
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open, align]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  // Into the panel once it is placed (unless a field already took focus).
  useEffect(() => {
    if (!open || !pos || !panel.current || panel.current.contains(document.activeElement)) return;
    panel.current.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, [open, pos]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className={`tl-popover ${className}`}>
      <button
        type="button"
        ref={button}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-haspopup="dialog"
        title={title}
        onClick={() => {
          setPos(null);
          setOpen((o) => !o);
        }}
        data-testid={testId}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open &&
        createPortal(
          <div
            id={id}
            ref={panel}
            role="dialog"
            aria-label={title}
            className="tl-popover-panel"
            style={pos ? { top: pos.top, left: pos.left, right: pos.right, maxHeight: pos.maxHeight } : { visibility: 'hidden' }}
            onKeyDown={(e) => {
              // Tab stays in the panel.
              if (e.key !== 'Tab' || !panel.current) return;
              const els = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((x) => !x.hasAttribute('disabled'));
              if (els.length === 0) return;
              const first = els[0]!;
              const last = els[els.length - 1]!;
              if (e.shiftKey && document.activeElement === first) {
                e.preventDefault();
                last.focus();
              } else if (!e.shiftKey && document.activeElement === last) {
                e.preventDefault();
                first.focus();
              }
            }}
          >
            {children(close)}
          </div>,
          document.body,
        )}
    </div>
  );
}
