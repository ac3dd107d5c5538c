// The core (engine, content, classifier, redaction, matching, insight logic) must stay
// platform-neutral: it is reused unchanged by the Alexa skill, the Dialogflow webhook, the
// terminal chat and the Lambda bundle. These rules make `npm test` fail when that slips.
const CORE = '^src/(interview|content|classifier|redaction|matching|insights)/';
const PLATFORM_PACKAGES = [
  '^ask-sdk', 'virtual-alexa', '^express', '^@google-cloud/', '^dialogflow', '^actions-on-google',
  '^pg$', '^pg-', '^@electric-sql/', '^mysql', '^redis', '^ioredis', '^knex', '^http$', '^https$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-platform-packages',
      comment: 'The core may not import a voice platform SDK, a web framework or a database driver.',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'], path: PLATFORM_PACKAGES.map((p) => `node_modules/${p.replace(/^\^/, '')}`).concat(PLATFORM_PACKAGES) },
    },
    {
      name: 'core-no-edges',
      comment: 'The core talks to storage and platforms only through ports; adapters depend on the core, never the reverse.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/(alexa|dialogflow|http|server|chat|config)/|^src/insight-store/(?!insight-store\\.port\\.ts$)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(build|lambda/dist)/' },
  },
};
