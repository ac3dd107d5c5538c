// The core (engine, content, classifier, partner matching, privacy and review policies) must
// stay platform-neutral: the Alexa skill, the Dialogflow webhook, the terminal chat and the Lambda
// reuse it unchanged. The rules are an allow-list: the core names what it may import, so a folder
// added tomorrow is outside the core, and off limits to it, until someone decides otherwise.
const CORE_FOLDERS = ['interview', 'content', 'classifier', 'partners', 'privacy', 'review', 'safety', 'listening', 'quality'];
const CORE = `^src/(${CORE_FOLDERS.join('|')})/`;
// Besides the core itself: typed errors, logging, and the ports the core talks through.
const CORE_MAY_IMPORT = [CORE, '^src/(errors|logging)/', '\\.port\\.ts$'];
// Matched against resolved paths (node_modules/<package>/...) and, for Node built-ins, names.
const PLATFORM_PACKAGES = [
  '(^|/)node_modules/(ask-sdk[^/]*|virtual-alexa|express|@google-cloud|dialogflow[^/]*|actions-on-google)/',
  '(^|/)node_modules/(pg|pg-[^/]+|@electric-sql|mysql2?|redis|ioredis|knex|undici|standardwebhooks)/',
  '^(node:)?(http|https|http2|net|tls|dgram)$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-platform-packages',
      comment: 'The core may not import a voice platform SDK, a web framework, a network client or a database driver.',
      severity: 'error',
      from: { path: CORE },
      to: { path: PLATFORM_PACKAGES },
    },
    {
      name: 'core-allow-list',
      comment:
        'The core imports only the core, errors, logging and port files; adapters depend on the core, never the reverse. ' +
        'To add a folder to the core, add it to CORE_FOLDERS in .dependency-cruiser.cjs.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/', pathNot: CORE_MAY_IMPORT },
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
