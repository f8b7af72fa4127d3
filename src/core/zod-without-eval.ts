import * as z from 'zod/mini';

// The page's Content-Security-Policy has no 'unsafe-eval'. Zod 4 would otherwise compile its
// object parsers with `new Function`, and even its probe for that is reported as a violation.
// Imported first by every entry point (the page and each worker), before any schema is used.
z.config({ jitless: true });
