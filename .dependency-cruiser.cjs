/**
 * What ESLint cannot see: import cycles, type-only imports included (ESLint's cycle rules skip
 * `import type`, yet a type import ties two modules' meaning as much as a value import).
 * `npm run lint` runs it after ESLint.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'A module and what it imports form a tree, so each can be read, tested and moved on its own.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
