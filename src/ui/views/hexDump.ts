/** Message bytes as the message inspectors show them (the DNS and BGP views). */

/** The bytes as a hex dump, 16 per line with offsets, as a packet analyser shows them. */
export function hexDump(bytes: readonly number[]): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.slice(i, i + 16).map((b) => b.toString(16).padStart(2, '0'));
    lines.push(`${i.toString(16).padStart(4, '0')}  ${row.join(' ')}`);
  }
  return lines.join('\n');
}
