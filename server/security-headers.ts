import helmet from 'helmet'
import type { RequestHandler } from 'express'
import type { Config } from './config.ts'

/**
 * Security headers of every HTTP answer. The product is self-hosted and makes no request to any
 * other origin (README, "Self-contained"), so the policy allows our own origin only. What tldraw
 * needs beyond that, found by running the board end to end with the policy on:
 * - inline styles: it positions shapes and its UI through `style` attributes;
 * - data: and blob: images: pasted images are stored inline as data URLs; exports and the
 *   minimap use blob: URLs;
 * - blob: workers are not needed (tldraw starts none), so workers stay same-origin.
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
        'font-src': ["'self'", 'data:'],
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
