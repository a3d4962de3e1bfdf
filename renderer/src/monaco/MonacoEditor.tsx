import { useLayoutEffect, useRef } from 'react';
import { monaco } from './monaco';
import './monaco.css';

export type CodeEditor = monaco.editor.IStandaloneCodeEditor;

/**
 * A Monaco editor in a div. The editor is created once (options are read at creation) in a layout
 * effect, so whatever `onReady` sets up — the model, decorations, the revealed line — is there
 * when the browser first paints it. `onReady` may return a cleanup; the editor is disposed after it.
 */
export function MonacoEditor({
  options,
  onReady,
  className,
  testId,
  label,
  dataAttrs,
}: {
  options: monaco.editor.IStandaloneEditorConstructionOptions;
  onReady: (editor: CodeEditor) => void | (() => void);
  className?: string;
  testId?: string;
  /** Accessible name of the editor region. */
  label: string;
  dataAttrs?: Record<`data-${string}`, string | number | undefined>;
}) {
  const host = useRef<HTMLDivElement>(null);
  // Creation options and the setup are taken once; later changes go through the editor instance.
  const init = useRef({ options, onReady });
  useLayoutEffect(() => {
    const el = host.current!;
    const editor = monaco.editor.create(el, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace',
      fontSize: 12.5,
      scrollBeyondLastLine: false,
      ariaLabel: label,
      fixedOverflowWidgets: true,
      ...init.current.options,
    });
    const cleanup = init.current.onReady(editor);
    return () => {
      cleanup?.();
      editor.getModel()?.dispose();
      editor.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <div ref={host} className={`monaco-host${className ? ` ${className}` : ''}`} data-testid={testId} role="region" aria-label={label} {...dataAttrs} />;
}
