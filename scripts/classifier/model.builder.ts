import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadLabelledSet, type LabelledExample } from '../../src/classifier/classifier.evaluation';
import type { FeatureOptions } from '../../src/classifier/feature.extractor';
import type { ModelFile } from '../../src/classifier/linear.model';
import { createLexiconScorer } from '../../src/classifier/lexicon.scorer';
import { trainModel, type TrainingExample, type TrainingOptions } from '../../src/classifier/model.trainer';
import { loadTaxonomy } from '../../src/classifier/taxonomy.loader';
import { CONTRACT_THEMES, modelClasses } from '../../src/classifier/theme.contract';
import { CORPUS_DIR, THEMES_DIR } from './corpus.paths';

/**
 * From corpus to model file: shared by `npm run classifier:train`, cross-validation and the drift
 * test, so all three train exactly the same way.
 */

export interface ModelSettings {
  features: FeatureOptions;
  training: TrainingOptions;
  inference: ModelFile['inference'];
  /**
   * Lexicon terms of at least this weight join the training data as one-phrase examples of their
   * theme (0 turns it off): the word lists know vocabulary that the corpus may never use.
   */
  lexiconTermMinWeight: number;
}

/** Chosen by grouped 5-fold cross-validation on the corpus and checked on the old held-out set (see README). */
export const MODEL_SETTINGS: ModelSettings = {
  features: {
    buckets: 1 << 15,
    charMin: 3,
    charMax: 5,
    bigrams: true,
    negatedScale: 1,
    beforeContrastScale: 1,
    focusWords: true,
    lexiconScale: 0.5,
    lengthPower: 0.5,
  },
  training: {
    epochs: 12,
    learningRate: 0.3,
    l2: 0.003,
    alsoWeight: 0.2,
    lensDropout: 0.25,
    seed: 7,
    adagrad: true,
    minCount: 2,
  },
  inference: { tailWeight: 1, nonAnswerBias: 0.75, minConfidence: 0.3 },
  lexiconTermMinWeight: 2,
};

export const DOMAINS: readonly string[] = Object.keys(CONTRACT_THEMES);

export function corpusFile(domain: string): string {
  return path.join(CORPUS_DIR, `${domain}.jsonl`);
}

export function loadCorpus(domain: string): LabelledExample[] {
  return loadLabelledSet(corpusFile(domain));
}

export function classesOf(domain: string): string[] {
  return modelClasses(CONTRACT_THEMES[domain] ?? []);
}

/** Maps labels to class indices; a label the domain does not have is an error in the corpus. */
export function toTrainingExamples(domain: string, examples: readonly LabelledExample[]): TrainingExample[] {
  const classes = classesOf(domain);
  return examples.map((example) => {
    const target = classes.indexOf(example.theme);
    if (target < 0) throw new Error(`${domain}: "${example.text}" has label "${example.theme}", not a class of the domain`);
    const also = example.also.map((a) => classes.indexOf(a)).filter((i) => i >= 0 && i !== target);
    return { text: example.text, target, also, lens: example.lens };
  });
}

/** The contract themes' word lists, as the model sees them (company themes never enter training). */
export function contractLexicon(domain: string, themesDir = THEMES_DIR): ReturnType<typeof createLexiconScorer> {
  const taxonomy = loadTaxonomy({ themesDir });
  const found = taxonomy.domains.find((d) => d.domain === domain);
  if (!found) throw new Error(`no taxonomy for domain ${domain}`);
  return createLexiconScorer(
    found.themes.filter((t) => t.contract),
    taxonomy.offTopic,
  );
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** A digest of what training depends on besides the settings: the corpus and the word lists. */
export function inputsDigest(domain: string, themesDir = THEMES_DIR): { corpus: string; lexicon: string } {
  const lexicon = [path.join(themesDir, `${domain}.json`), path.join(themesDir, '_off-topic.json')]
    .map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : ''))
    .join('\n');
  return { corpus: sha256(fs.readFileSync(corpusFile(domain), 'utf8')).slice(0, 16), lexicon: sha256(lexicon).slice(0, 16) };
}

/** The domain's lexicon terms as short labelled phrases ("mortgage*" becomes "mortgage"), in file order. */
export function lexiconTermExamples(domain: string, minWeight: number, themesDir = THEMES_DIR): LabelledExample[] {
  if (minWeight <= 0) return [];
  const taxonomy = loadTaxonomy({ themesDir });
  const found = taxonomy.domains.find((d) => d.domain === domain);
  const out: LabelledExample[] = [];
  for (const theme of found?.themes.filter((t) => t.contract) ?? []) {
    for (const [term, weight] of Object.entries(theme.terms)) {
      if (weight >= minWeight) out.push({ text: term.replace(/\*/g, ''), theme: theme.id, also: [] });
    }
  }
  return out;
}

export function trainDomain(domain: string, options: { examples?: readonly LabelledExample[]; settings?: ModelSettings } = {}): ModelFile {
  const settings = options.settings ?? MODEL_SETTINGS;
  const examples = [...(options.examples ?? loadCorpus(domain)), ...lexiconTermExamples(domain, settings.lexiconTermMinWeight)];
  const digest = options.examples ? undefined : inputsDigest(domain);
  return trainModel({
    domain,
    classes: classesOf(domain),
    examples: toTrainingExamples(domain, examples),
    features: settings.features,
    training: settings.training,
    inference: settings.inference,
    lexicon: contractLexicon(domain),
    provenance: { examples: examples.length, ...(digest ? { corpusSha256: digest.corpus, lexiconSha256: digest.lexicon } : {}) },
  });
}

/** The committed form: stable key order from the encoder, two-space JSON, a final newline. */
export function serialiseModel(model: ModelFile): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
