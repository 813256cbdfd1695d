// @ts-check
/**
 * The import rules `npm run deps` checks (CI runs it): no import cycles, between modules or
 * between folders (so no two features lean on each other), and a feature reaches another only
 * through its service or index, never its store.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules into a knot that cannot be understood or tested alone.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-feature-cycle',
      severity: 'error',
      comment: 'Features depend one way (sessions on circles, never back): a cycle between folders is a knot between features.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-foreign-store',
      severity: 'error',
      comment: "A feature uses another feature's data through its service, never through its store.",
      from: { path: '^src/([^/]+)/' },
      to: { path: 'store[.]ts$', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
