// Markdown imports are compiled to an HTML string at build time (the `markdown` plugin in
// vite.config.ts); lab steps import their prose this way.
declare module '*.md' {
  const html: string;
  export default html;
}
