/**
 * Hands a file to the browser's download (a temporary object URL on an `<a download>`): no
 * server, works offline and under a strict Content-Security-Policy.
 */
export function download(name: string, content: Blob | string, type = 'text/plain'): void {
  const blob =
    typeof content === 'string' ? new Blob([content], { type: `${type};charset=utf-8` }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; give slow browsers a moment all the same.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `2026-11-22`: the local date, for file names and reports. */
export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
