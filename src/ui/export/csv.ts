/**
 * CSV text for downloads (RFC 4180: fields with commas, quotes or line breaks are quoted). A
 * cell that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an
 * apostrophe unless it is a plain number, so an exported label cannot become a formula.
 */
export type Cell = string | number | null | undefined;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  let s = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell;
  if (/^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a title: lower case, words joined by dashes, nothing a file system minds. */
export function fileSlug(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'edge-lab'
  );
}
