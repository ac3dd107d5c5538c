// The core (engine, content, classifier, redaction, matching, insight logic) must stay
// platform-neutral: it is reused unchanged by the Alexa skill, the Dialogflow webhook, the
// terminal chat and the Lambda bundle. These rules make `npm test` fail when that slips.
const CORE = '^src/(interview|content|classifier|redaction|matching|insights)/';
// Matched against resolved paths (node_modules/<package>/...) and, for Node built-ins, names.
const PLATFORM_PACKAGES = [
  '(^|/)node_modules/(ask-sdk[^/]*|virtual-alexa|express|@google-cloud|dialogflow[^/]*|actions-on-google)/',
  '(^|/)node_modules/(pg|pg-[^/]+|@electric-sql|mysql2?|redis|ioredis|knex)/',
  '^(node:)?(http|https|http2)$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-platform-packages',
      comment: 'The core may not import a voice platform SDK, a web framework or a database driver.',
      severity: 'error',
      from: { path: CORE },
      to: { path: PLATFORM_PACKAGES },
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
