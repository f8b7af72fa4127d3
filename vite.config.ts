import basicSsl from '@vitejs/plugin-basic-ssl';
import react from '@vitejs/plugin-react';
import { runnerImport, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import type * as BrokerPlugin from './server/broker-plugin';

/** `npm start -- --https` (or TABCHAIN_HTTPS=1 before `vite` or `vite preview`): a self-signed certificate. */
const HTTPS = process.env['TABCHAIN_HTTPS'] === '1';

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

/**
 * The classroom broker (server/broker-plugin.ts) on the HTTP server of `vite` and of
 * `vite preview`. Its module is loaded when a server starts, through Vite's module runner,
 * so that the server's TypeScript stays out of the config's own bundle (and Vitest, which
 * starts no server, never loads it).
 */
function classroomBroker(): Plugin {
  const load = async () => (await runnerImport<typeof BrokerPlugin>(`${import.meta.dirname}/server/broker-plugin.ts`)).module;
  return {
    name: 'tabchain:classroom-broker',
    async configureServer(server) {
      await (await load()).attachToDevServer(server);
    },
    async configurePreviewServer(server) {
      await (await load()).attachToPreviewServer(server);
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), classroomBroker(), ...(HTTPS ? [basicSsl({ name: 'tabchain classroom' })] : [])],
  // A classroom server is reached by whatever name or address the room's network gives the
  // teacher's computer (a .local name, a school DNS name), unknown in advance: any Host is
  // served. What DNS rebinding could then read from another site is this project's own files,
  // public anyway; the broker itself refuses WebSockets whose Origin is not the host asked for.
  server: { allowedHosts: true },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  // `vite preview` serves the build: the same policy as a header, which also covers the workers'
  // scripts and can forbid framing (a <meta> policy cannot).
  preview: { allowedHosts: true, headers: { 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
