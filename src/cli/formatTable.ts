/** Prints a result object as aligned `key  value` lines; nested objects and arrays of rows are indented. */
export function formatTable(obj: Record<string, unknown>, indent = ''): string {
  const keys = Object.keys(obj);
  const width = Math.max(...keys.map((k) => k.length));
  let out = '';
  for (const key of keys) {
    const value = obj[key];
    const label = `${indent}${key.padEnd(width)}  `;
    if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null)) {
      out += `${indent}${key}\n`;
      for (const row of value) out += `${indent}  ${formatRow(row as Record<string, unknown>)}\n`;
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out += `${indent}${key}\n${formatTable(value as Record<string, unknown>, `${indent}  `)}`;
    } else {
      out += `${label}${formatValue(value)}\n`;
    }
  }
  return out;
}

function formatRow(row: Record<string, unknown>): string {
  return Object.entries(row)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join('  ');
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : String(v);
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  return String(v);
}
