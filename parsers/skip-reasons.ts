/**
 * Skipped lines that carry no data by nature — blank lines, column headers, comments, the shell
 * command that produced a snapshot. Parsers report them (every line is accounted for) but they are
 * not "lines we did not understand", so the engine neither counts nor lists them as such.
 */
const STRUCTURAL = /^(blank line|empty line|column header|comment line|ls total line|shell command|shell prompt|separator between|row count footer)/;

export function isStructuralSkip(reason: string): boolean {
  return STRUCTURAL.test(reason);
}
