/** Descriptor series rendered for people: the count per snapshot and what grew. */
import type { FdSeries } from '../analysis/fd-series';
import { humanUtc } from './format';

const change = (d: { key: string; first: number; last: number }) => `${d.key} ${d.first} → ${d.last}`;

export function grewLines(s: FdSeries): string[] {
  const types = s.byType.filter((d) => d.last !== d.first).slice(0, 3);
  const peers = s.byPeer.filter((d) => d.last > d.first).slice(0, 3);
  return [
    ...(types.length ? [`by type: ${types.map(change).join(', ')}`] : []),
    ...(peers.length ? [`by peer: ${peers.map(change).join(', ')}`] : []),
  ];
}

export function fdSeriesText(series: readonly FdSeries[]): string[] {
  const out: string[] = [];
  for (const s of series) {
    out.push(`  ${s.command} (pid ${s.pid}${s.host ? ` on ${s.host}` : ''}): ${s.points.map((p) => p.count).join(' → ')} open descriptors`);
    for (const p of s.points) out.push(`     ${humanUtc(p.ts)}  ${String(p.count).padStart(6)}  ${p.file}`);
    for (const l of grewLines(s)) out.push(`     grew ${l}`);
  }
  return out;
}

export function fdSeriesMarkdown(series: readonly FdSeries[]): string[] {
  const out: string[] = [];
  for (const s of series) {
    out.push(`### ${s.command} (pid ${s.pid}${s.host ? ` on ${s.host}` : ''})`, '', '| Captured (UTC) | Open descriptors | Snapshot |', '|---|---:|---|');
    for (const p of s.points) out.push(`| ${humanUtc(p.ts)} | ${p.count} | \`${p.file}:${p.line}\` |`);
    out.push('');
    const grew = grewLines(s);
    if (grew.length) out.push(...grew.map((l) => `- Grew ${l}`), '');
  }
  return out;
}
