/**
 * Content-Security-Policy for documents served on the app origin. Scripts, styles, fonts and
 * workers come only from the app's own bundle; the only network peer is the configured
 * server (HTTP API and the server-sent poke stream). Nothing may frame the app, and it may
 * frame only its own blob: documents (PDF previews of Bescheide).
 */
export function buildCsp(serverUrl: string): string {
  // URL.origin of an http(s) URL cannot contain spaces or ';', so it cannot inject directives.
  const serverOrigin = new URL(serverUrl).origin;
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", serverOrigin],
    ['worker-src', "'self'"],
    ['frame-src', 'blob:'],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
