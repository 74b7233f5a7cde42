/**
 * The first number a page formats for a locale (`toLocaleString('en')`, `Intl.NumberFormat`)
 * loads the browser's locale data: 16 to 75 ms on a laptop, four times that on a slow phone, and
 * it used to fall inside a page's first render (the sandbox's status line), its longest task.
 * Formatting one number in a task of its own, while the page's chunks are still downloading and
 * the main thread is idle, pays that once where it blocks nothing else.
 */
export function warmNumberFormat(): void {
  setTimeout(() => void (1000).toLocaleString('en'), 0);
}
