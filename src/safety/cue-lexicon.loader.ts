import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { readValidatedJson } from '../content/validated-json.reader';
import { crisisFeatures, type FeatureVector } from './crisis-features.extractor';
import { cueLexiconSchema, type CueLexiconFile } from './cue-lexicon.schema';
import { COMPILED_FORMAT, decodeCompiledLexicon, type CompiledLexiconFile, type LexiconHead } from './compiled-lexicon.codec';
import { compileLexicon, type CompiledLexicon } from './cue-pattern.compiler';
import { CueMatcher, type CueMatch } from './cue.matcher';
import { createSpeechNormaliser, type SpeechNormaliser } from './speech.normaliser';

/** Resolved from this file rather than from config, because the core must not depend on config. */
export const DEFAULT_SAFETY_DIR = path.resolve(__dirname, '..', '..', 'content', 'safety');

/** A lexicon file is named by its language: en.json, fr.json. */
export const LEXICON_FILE = /^[a-z]{2,3}\.json$/;

export interface Analysis {
  match: CueMatch;
  features: FeatureVector;
}

/** One language's lexicon, compiled, with the normaliser and matcher built from it. */
export interface LoadedLexicon {
  file: string;
  /** What the detector uses of the source: language, model file, normaliser data, category order. */
  head: LexiconHead;
  /** The whole source file (parsed on first use when the compiled form was loaded). */
  readonly data: CueLexiconFile;
  compiled: CompiledLexicon;
  normaliser: SpeechNormaliser;
  /** SHA-256 of the file as read, recorded in the model so a stale model is noticed. */
  sha256: string;
  /** Normalise and match: what the detector needs. */
  match(text: string): CueMatch;
  /** Match and the model's readable feature vector: what the trainer needs. */
  analyse(text: string): Analysis;
}

/** Where the compiled form of a lexicon lives: en.json → en.compiled.json. */
export function compiledFileOf(file: string): string {
  return file.replace(/\.json$/, '.compiled.json');
}

export interface LoadOptions {
  /** Use the compiled form when it matches the source (default true); false always validates and compiles. */
  useCompiled?: boolean;
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}

/** The compiled form, if present and made from exactly these bytes; otherwise undefined. */
function readCompiled(file: string, sha256: string): { compiled: CompiledLexicon; head: LexiconHead } | undefined {
  const compiledFile = compiledFileOf(file);
  if (!fs.existsSync(compiledFile)) return undefined;
  try {
    const encoded = JSON.parse(fs.readFileSync(compiledFile, 'utf8')) as CompiledLexiconFile;
    if (encoded.format !== COMPILED_FORMAT || encoded.sourceSha256 !== sha256) return undefined;
    return { compiled: decodeCompiledLexicon(encoded), head: encoded.head };
  } catch {
    // A damaged compiled file is only a lost shortcut: the source is validated and compiled instead.
    return undefined;
  }
}

export function loadCueLexicon(file: string, options: LoadOptions = {}): LoadedLexicon {
  const bytes = readBytes(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let data: CueLexiconFile | undefined;
  let head: LexiconHead;
  let compiled: CompiledLexicon;
  const fast = options.useCompiled === false ? undefined : readCompiled(file, sha256);
  if (fast) {
    // These exact bytes were validated when the compiled form was written.
    ({ compiled, head } = fast);
  } else {
    const validated = readValidatedJson(file, cueLexiconSchema);
    const targets = new Set(validated.normaliser.fuzzyTargets);
    validated.normaliser.protected.forEach((word, i) => {
      if (targets.has(word)) throw new AppError('CONTENT_INVALID', `${file}: field "normaliser.protected.${i}": "${word}" is also a fuzzy target`);
    });
    // The compiler asks whether the normaliser would rewrite or drop a pattern word (then the
    // pattern could never match).
    const bare = createSpeechNormaliser(validated.normaliser, new Set(), { fuzzy: false });
    compiled = compileLexicon(file, validated, (w) => !bare.rewritesWord(w));
    data = validated;
    head = validated;
  }
  const name = path.basename(file, '.json');
  if (head.language !== name) {
    throw new AppError('CONTENT_INVALID', `${file}: field "language": is "${head.language}" but the file is named ${name}.json`);
  }
  // Every pattern word is taken as spelled on purpose: never fuzzy-corrected.
  const normaliser = createSpeechNormaliser(head.normaliser, compiled.words);
  const matcher = new CueMatcher(compiled, head.normaliser.gapBarriers);
  const lexicon = compiled;
  return {
    file,
    head,
    get data(): CueLexiconFile {
      if (!data) data = JSON.parse(bytes.toString('utf8')) as CueLexiconFile;
      return data;
    },
    compiled: lexicon,
    normaliser,
    sha256,
    match(text: string): CueMatch {
      return matcher.match(normaliser.tokens(text));
    },
    analyse(text: string): Analysis {
      const match = matcher.match(normaliser.tokens(text));
      return { match, features: crisisFeatures(match) };
    },
  };
}
