/** The postmortem form: options for `exportPostmortem`, and the front matter shown apart from the preview (pure). */

export const POSTMORTEM_FILENAME = 'postmortem.md';

/** The engine derives a severity (SEV1–SEV4) unless the authors set one. */
export const SEVERITY_CHOICES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const STATUS_SUGGESTIONS = ['draft', 'in review', 'final'] as const;

export interface ReportForm {
  title: string;
  status: string;
  /** '' = derived by Rootline. */
  severity: string;
  /** Comma- or line-separated names. */
  authors: string;
  mermaid: boolean;
  anonymize: boolean;
}

export const EMPTY_FORM: ReportForm = { title: '', status: 'draft', severity: '', authors: '', mermaid: false, anonymize: false };

export interface ExportOptions {
  title?: string;
  status?: string;
  severity?: string;
  authors?: string[];
  mermaid?: boolean;
  anonymize?: boolean;
}

/** Names separated by commas, semicolons or new lines; trimmed, empty ones and repeats dropped. */
export function parseAuthors(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const a = raw.trim().replace(/\s+/g, ' ');
    if (!a || seen.has(a.toLowerCase())) continue;
    seen.add(a.toLowerCase());
    out.push(a);
  }
  return out;
}

/** Only what the user set: empty fields leave the engine's defaults (derived title and severity, `draft`). */
export function toOptions(f: ReportForm): ExportOptions {
  const o: ExportOptions = {};
  const title = f.title.trim().replace(/\s+/g, ' ');
  if (title) o.title = title;
  const status = f.status.trim();
  if (status) o.status = status;
  if (f.severity.trim()) o.severity = f.severity.trim();
  const authors = parseAuthors(f.authors);
  if (authors.length) o.authors = authors;
  if (f.mermaid) o.mermaid = true;
  if (f.anonymize) o.anonymize = true;
  return o;
}

/** A stable key for the options, so one request is made per distinct set. */
export function optionsKey(o: ExportOptions): string {
  return JSON.stringify([o.title ?? null, o.status ?? null, o.severity ?? null, o.authors ?? [], !!o.mermaid, !!o.anonymize]);
}

/** The options a key stands for (the inverse of `optionsKey`). */
export function fromKey(key: string): ExportOptions {
  const [title, status, severity, authors, mermaid, anonymize] = JSON.parse(key) as [string | null, string | null, string | null, string[], boolean, boolean];
  const o: ExportOptions = {};
  if (title !== null) o.title = title;
  if (status !== null) o.status = status;
  if (severity !== null) o.severity = severity;
  if (authors.length) o.authors = authors;
  if (mermaid) o.mermaid = true;
  if (anonymize) o.anonymize = true;
  return o;
}

export interface FrontMatter {
  meta: { key: string; value: string }[];
  body: string;
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.startsWith('"') || t.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(t);
      if (Array.isArray(parsed)) return parsed.map(String).join(', ');
      if (typeof parsed === 'string') return parsed;
    } catch {
      /* shown as written */
    }
  }
  return t;
}

/** Splits the YAML front matter (`---` … `---`) from the Markdown, so the preview shows it as a table, not as text. */
export function splitFrontMatter(md: string): FrontMatter {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(md);
  if (!m) return { meta: [], body: md };
  const meta: { key: string; value: string }[] = [];
  for (const line of m[1]!.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    meta.push({ key: line.slice(0, i).trim(), value: unquote(line.slice(i + 1)) });
  }
  return { meta, body: md.slice(m[0].length) };
}
