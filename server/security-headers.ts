import helmet from 'helmet'
import type { RequestHandler } from 'express'
import type { Config } from './config.ts'

/**
 * Security headers of every HTTP answer. The product is self-hosted and makes no request to any
 * other origin (README, "Self-contained"), so the policy allows our own origin only. What tldraw
 * needs beyond that, found by running the board end to end under a stricter policy and reading the
 * violations the browser reported (tests/e2e/board.spec.ts asserts there are none now):
 * - inline styles: tldraw injects a <style> element and positions shapes through `style`;
 * - data: images: its icons and cursors are data URLs, and pasted images are stored inline;
 * - blob: images and media: pasted files are previewed and exported through blob: URLs.
 * Scripts, fonts, workers and connections (fetch, Socket.IO, the board WebSocket) are same-origin.
 * No `upgrade-insecure-requests`: teams serve Mockboard over plain HTTP on their own network, where
 * upgrading every subresource to https would break the page. HSTS only when PUBLIC_URL is https.
 */
export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'media-src': ["'self'", 'data:', 'blob:'],
        'worker-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.PUBLIC_URL?.startsWith('https:') ? { maxAge: 180 * 24 * 3600 } : false,
    // Cross-origin isolation is not needed (no SharedArrayBuffer) and would block nothing we serve.
    crossOriginEmbedderPolicy: false,
  })
}
