/**
 * The file viewer's model: a Monaco model with the file's real line count (so line numbers are the
 * file's) whose text is loaded by chunks around the visible lines through `api.fileLines`, and
 * dropped again far away. Also owns the decorations: the requested line/range, evidence lines,
 * lines being loaded, and annotations in the glyph margin.
 */
import type { FileLines } from '../../../../engine/api/engine';
import type { TextLine } from '../../../../engine/content/lines';
import type { Annotation } from '../../../../engine/model/annotation';
import { MARKER_LABELS } from '../../../../engine/model/annotation';
import { api } from '../../api/client';
import { monaco } from '../../monaco/monaco';
import { editorLine, escapeMarkdown, type LineEvidence } from './text';
import {
  chunkOf, chunksCovering, chunksLoadedBy, chunksToEvict, chunkSpan, MARGIN_LINES, missingSpans, type LineSpan,
} from './windowing';

type Editor = monaco.editor.IStandaloneCodeEditor;

export const TARGET_LINE_CLASS = 'rl-target-line';
export const TARGET_LINE_NUMBER_CLASS = 'rl-target-line-number';
export const EVIDENCE_LINE_CLASS = 'rl-evidence-line';

export interface DocumentEvents {
  /** Lines being fetched (null when nothing is). */
  onLoading(span: LineSpan | null): void;
  onError(error: Error | null, span: LineSpan | null): void;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export class FileDocument {
  readonly model: monaco.editor.ITextModel;
  private readonly loaded = new Set<number>();
  private readonly pending = new Set<number>();
  private total: number;
  private disposed = false;
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly target: monaco.editor.IEditorDecorationsCollection;
  private readonly evidenceDecos: monaco.editor.IEditorDecorationsCollection;
  private readonly annotationDecos: monaco.editor.IEditorDecorationsCollection;
  private readonly pendingDecos: monaco.editor.IEditorDecorationsCollection;
  private readonly subs: monaco.IDisposable[] = [];
  private readonly themeObserver: MutationObserver;
  private evidence: readonly LineEvidence[] = [];
  private annotations: readonly Annotation[] = [];
  private lastError: LineSpan | null = null;
  private targetSpan: LineSpan | null = null;

  constructor(
    private readonly editor: Editor,
    private readonly bundle: string,
    private readonly fileId: number,
    knownLines: number,
    first: FileLines,
    language: string,
    private readonly events: DocumentEvents,
  ) {
    const lastReturned = first.lines.at(-1)?.line ?? 0;
    this.total = Math.max(knownLines, lastReturned, 1);
    const text = new Array<string>(this.total).fill('');
    for (const l of first.lines) text[l.line - 1] = editorLine(l.text);
    this.model = monaco.editor.createModel(text.join('\n'), language);
    // Log text is full of unbalanced brackets: colouring pairs only adds noise (and red).
    this.model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
    editor.setModel(this.model);
    if (first.lines.length > 0) {
      const span = { from: first.lines[0]!.line, to: lastReturned };
      for (const c of chunksLoadedBy(span, this.total)) this.loaded.add(c);
    }
    this.target = editor.createDecorationsCollection();
    this.evidenceDecos = editor.createDecorationsCollection();
    this.annotationDecos = editor.createDecorationsCollection();
    this.pendingDecos = editor.createDecorationsCollection();
    this.subs.push(editor.onDidScrollChange(() => this.scheduleLoad()), editor.onDidLayoutChange(() => this.scheduleLoad()));
    // Overview-ruler marks are painted on a canvas: recolour them when the theme changes.
    this.themeObserver = new MutationObserver(() => {
      this.setEvidence(this.evidence);
      this.setAnnotations(this.annotations);
    });
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  }

  get lineCount(): number {
    return this.total;
  }

  /** Highlights the requested line or range and scrolls it to the middle. */
  setTarget(span: LineSpan | null, reveal = true): void {
    this.targetSpan = span;
    if (!span) {
      this.target.clear();
      return;
    }
    const accent = cssVar('--accent', '#5aa9ff');
    this.target.set([
      {
        range: new monaco.Range(span.from, 1, span.to, 1),
        options: {
          isWholeLine: true,
          className: TARGET_LINE_CLASS,
          lineNumberClassName: TARGET_LINE_NUMBER_CLASS,
          linesDecorationsClassName: 'rl-target-bar',
          overviewRuler: { color: accent, position: monaco.editor.OverviewRulerLane.Full },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      },
    ]);
    if (reveal) this.reveal(span.from, span.to);
  }

  reveal(from: number, to = from): void {
    const line = Math.max(1, Math.min(from, this.total));
    if (to > from && to - from < 20) this.editor.revealLinesInCenter(line, Math.min(to, this.total), monaco.editor.ScrollType.Immediate);
    else this.editor.revealLineInCenter(line, monaco.editor.ScrollType.Immediate);
    this.editor.setPosition({ lineNumber: line, column: 1 });
  }

  setEvidence(evidence: readonly LineEvidence[]): void {
    this.evidence = evidence;
    const color = cssVar('--high', '#ff9a4d');
    this.evidenceDecos.set(
      evidence
        .filter((e) => e.line <= this.total)
        .map((e) => ({
          range: new monaco.Range(e.line, 1, Math.min(e.endLine, this.total), 1),
          options: {
            isWholeLine: true,
            className: EVIDENCE_LINE_CLASS,
            linesDecorationsClassName: 'rl-evidence-bar',
            hoverMessage: e.reasons.length ? e.reasons.map((r) => ({ value: `**Evidence:** ${escapeMarkdown(r)}` })) : { value: '**Evidence**' },
            overviewRuler: { color, position: monaco.editor.OverviewRulerLane.Right },
          },
        })),
    );
  }

  setAnnotations(annotations: readonly Annotation[]): void {
    this.annotations = annotations;
    const color = cssVar('--ok', '#4ccf8a');
    const byLine = new Map<number, Annotation[]>();
    for (const a of annotations) if (a.line !== null && a.line >= 1 && a.line <= this.total) byLine.set(a.line, [...(byLine.get(a.line) ?? []), a]);
    this.annotationDecos.set(
      [...byLine].map(([line, list]) => ({
        range: new monaco.Range(line, 1, line, 1),
        options: {
          glyphMarginClassName: `rl-annot-glyph marker-${list[0]!.marker}${list.length > 1 ? ' rl-annot-many' : ''}`,
          glyphMarginHoverMessage: list.map((a) => ({ value: `**${MARKER_LABELS[a.marker]}:** ${escapeMarkdown(a.text)}` })),
          overviewRuler: { color, position: monaco.editor.OverviewRulerLane.Center },
        },
      })),
    );
  }

  /** Loads what is visible (plus a margin) after scrolling settles. */
  scheduleLoad(delay = 60): void {
    // Lines in view that are not loaded yet are marked at once, so blank lines never look like content.
    if (!this.disposed) this.showPending();
    clearTimeout(this.scrollTimer);
    this.scrollTimer = setTimeout(() => void this.loadVisible(), delay);
  }

  retry(): void {
    this.lastError = null;
    this.events.onError(null, null);
    void this.loadVisible();
  }

  private visibleSpan(): LineSpan {
    const ranges = this.editor.getVisibleRanges();
    if (ranges.length === 0) return { from: 1, to: 1 };
    return { from: ranges[0]!.startLineNumber, to: ranges.at(-1)!.endLineNumber };
  }

  async loadVisible(): Promise<void> {
    if (this.disposed || this.lastError) return;
    const visible = this.visibleSpan();
    const needed = chunksCovering(visible.from - MARGIN_LINES, visible.to + MARGIN_LINES, this.total);
    const spans = missingSpans(needed, this.loaded, this.pending, Math.floor((visible.from + visible.to) / 2));
    for (const span of spans) {
      if (this.disposed || this.lastError) return;
      await this.fetch(span);
    }
    this.evict();
  }

  private async fetch(span: LineSpan): Promise<void> {
    const chunks = chunksCovering(span.from, span.to, this.total);
    for (const c of chunks) this.pending.add(c);
    this.showPending();
    this.events.onLoading(span);
    try {
      const res = await api.fileLines(this.bundle, this.fileId, span.from, span.to);
      if (this.disposed) return;
      this.fill(res.lines, span);
      this.events.onLoading(null);
    } catch (e) {
      if (this.disposed) return;
      this.lastError = span;
      this.events.onLoading(null);
      this.events.onError(e as Error, span);
    } finally {
      for (const c of chunks) this.pending.delete(c);
      if (!this.disposed) this.showPending();
    }
  }

  /** Writes fetched lines into the model (growing it when the file has more lines than counted). */
  private fill(lines: readonly TextLine[], span: LineSpan): void {
    const last = lines.at(-1)?.line ?? 0;
    if (last > this.total) {
      const extra = last - this.total;
      const end = this.model.getLineCount();
      this.model.applyEdits([{ range: new monaco.Range(end, this.model.getLineMaxColumn(end), end, this.model.getLineMaxColumn(end)), text: '\n'.repeat(extra) }]);
      this.total = last;
    }
    const from = span.from;
    const to = Math.min(span.to, this.total);
    if (to < from) return;
    const text = new Array<string>(to - from + 1).fill('');
    for (const l of lines) if (l.line >= from && l.line <= to) text[l.line - from] = editorLine(l.text);
    this.replace(from, to, text.join('\n'));
    // The whole span counts as loaded, also past the end of a short file (there is nothing more to fetch).
    for (const c of chunksCovering(from, span.to, this.total)) this.loaded.add(c);
    this.redecorate();
  }

  /** Edits collapse decorations inside the replaced lines: set them again from what they stand for. */
  private redecorate(): void {
    this.setTarget(this.targetSpan, false);
    this.setEvidence(this.evidence);
    this.setAnnotations(this.annotations);
  }

  private replace(from: number, to: number, text: string): void {
    this.model.applyEdits([{ range: new monaco.Range(from, 1, to, this.model.getLineMaxColumn(to)), text }]);
  }

  private evict(): void {
    const drop = chunksToEvict(this.loaded, this.visibleSpan());
    for (const c of drop) {
      const s = chunkSpan(c);
      const to = Math.min(s.to, this.total);
      if (to >= s.from) this.replace(s.from, to, '\n'.repeat(to - s.from));
      this.loaded.delete(c);
    }
    if (drop.length > 0) this.redecorate();
  }

  private showPending(): void {
    const visible = this.visibleSpan();
    const unloaded = chunksCovering(visible.from, visible.to, this.total).filter((c) => !this.loaded.has(c));
    const chunks = [...new Set([...this.pending, ...unloaded])].sort((a, b) => a - b);
    this.pendingDecos.set(
      chunks.map((c) => {
        const s = chunkSpan(c);
        return { range: new monaco.Range(s.from, 1, Math.min(s.to, this.total), 1), options: { isWholeLine: true, className: 'rl-pending-line' } };
      }),
    );
  }

  isLoaded(line: number): boolean {
    return this.loaded.has(chunkOf(line));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.scrollTimer);
    this.themeObserver.disconnect();
    for (const s of this.subs) s.dispose();
    this.target.clear();
    this.evidenceDecos.clear();
    this.annotationDecos.clear();
    this.pendingDecos.clear();
  }
}
