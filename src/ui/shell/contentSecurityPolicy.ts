/**
 * The site's Content-Security-Policy, in one place: the build writes it into index.html as a
 * meta tag (vite.config.ts), the README shows the header form, and the tests check the built
 * site runs under it with no violation. Nothing inline, nothing evaluated, nothing from elsewhere.
 */

/** What the page may load and run, directive by directive. */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // Scoped Svelte styles are built into CSS files; cytoscape is told its stylesheet is present
  // (index.html); uPlot and Svelte's style: directives write element.style, which CSP allows.
  'style-src': "'self'",
  // The simulation's Web Workers and the offline service worker.
  'worker-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};

function serialise(directives: Readonly<Record<string, string>>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** The policy for `<meta http-equiv="Content-Security-Policy">`. */
export const CSP_META = serialise(CSP_DIRECTIVES);

/**
 * The same policy as an HTTP header, for hosts that allow setting one. A header can also say
 * who may frame the site (`frame-ancestors`), which a meta tag cannot: `*` keeps embedding in
 * any course page possible; narrow it to the course sites that embed the labs.
 */
export const CSP_HEADER = serialise({ ...CSP_DIRECTIVES, 'frame-ancestors': '*' });
