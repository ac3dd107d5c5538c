// Bundling shim: zod re-exports every locale's error messages (about 250 KiB minified), while
// Lifepath only uses English ones. The Lambda bundle resolves zod's locale index to this file.
export { default as en } from 'zod/v4/locales/en.js';
