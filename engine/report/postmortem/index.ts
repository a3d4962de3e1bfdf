/** The Markdown postmortem: gather (input.ts), optionally anonymise (anonymize.ts), render (render.ts). */
export type { PostmortemAnnotation, PostmortemInput, PostmortemOptions } from './types';
export { buildPostmortemInput } from './input';
export { renderPostmortem, DEFAULT_CONTRIBUTING_THRESHOLD } from './render';
export { Anonymizer, anonymizeInput, type TokenKind } from './anonymize';
export { hostNamesIn, hostOfPeer, isHostName } from './hosts';
export { deriveSeverity, type DerivedSeverity, type SeverityVerdict } from './severity';
export { impactWindow, detection, type ImpactWindow, type Detection } from './impact';
export { timelineRows, type TimelineRow } from './timeline';
export { mermaidTimeline, mermaidText } from './mermaid';
export { exportPostmortem, isSqliteFile, type ExportRequest, type ExportResult } from './export';
