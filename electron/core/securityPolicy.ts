/**
 * The Content-Security-Policy both shells send with the renderer: scripts only from the
 * app itself, no eval, no plugins, no framing. Styles allow inline because Mantine writes
 * its theme variables into style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
