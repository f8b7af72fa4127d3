import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The page's Content-Security-Policy: scripts and workers only from the app's own files (no
 * inline script, no eval), nothing embedded, no <base> rewriting. Text from peers and files
 * is rendered as text anyway; this is the second wall.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Puts the policy in the built index.html. Only in builds: the dev server injects an inline
 * React-refresh preamble that the policy would block.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'tabchain:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  // `vite preview` serves the build: the same policy as a header, which also covers the workers'
  // scripts and can forbid framing (a <meta> policy cannot).
  preview: { headers: { 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
