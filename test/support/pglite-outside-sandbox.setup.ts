/**
 * PGlite's Emscripten loader calls dynamic import(), which Jest's module sandbox refuses unless
 * Node runs with --experimental-vm-modules. This setup file (jest.config.js) makes `@electric-sql/pglite`
 * load through Node's own loader, outside the sandbox; the adapter code under test is unchanged.
 */
jest.mock('@electric-sql/pglite', () => {
  const { _load } = require('node:module') as { _load(request: string, parent: null, isMain: boolean): unknown };
  return _load(require.resolve('@electric-sql/pglite'), null, false);
});

export {};
