import path from 'node:path';
import { AppError } from '../errors/app-error';
import type { ClassificationContext, ThemeClassifier, ThemeClassifierOptions, ThemeId, ThemeScore } from './classifier.types';
import { createFeatureExtractor, type FeatureExtractor, type FeatureVector } from './feature.extractor';
import { softmax, type LinearModel } from './linear.model';
import { createLexiconScorer, MIN_EVIDENCE, rankByEvidence, type LexiconScorer } from './lexicon.scorer';
import { loadModel, modelFrom } from './model.loader';
import { createSentimentScorer } from './sentiment.scorer';
import { DEFAULT_THEMES_DIR, loadTaxonomy, type Taxonomy, type TaxonomyTheme } from './taxonomy.loader';
import { utteranceTokens, type Token } from './text.normaliser';
import { modelClasses, NO_CONCERN_THEME_ID, NON_ANSWER_LABEL, NON_ANSWER_THRESHOLD, OTHER_THEME_ID } from './theme.contract';

export { loadTaxonomy, DEFAULT_THEMES_DIR } from './taxonomy.loader';
export type { Taxonomy, TaxonomyDomain, TaxonomyTheme, TaxonomyOptions } from './taxonomy.loader';

/**
 * Further themes are reported when they reach this share of the best one's probability: an
 * answer about two things ("pay off the card and save for a deposit") names both.
 */
const MIN_RELATIVE = 0.2;
/**
 * The runner-up is reported from a much lower share: it is the reading a reviewer would most
 * likely pick instead ("walk to work" is commute or active), and its low score says how unlikely.
 */
const RUNNER_UP_RELATIVE = 0.01;
const MAX_THEMES = 4;

const OTHER: ThemeScore[] = [{ id: OTHER_THEME_ID, score: 1 }];
const NO_CONCERN_LABEL = 'having no worries there';

interface ModelPart {
  model: LinearModel;
  extractor: FeatureExtractor;
  /** Evidence over the contract themes only, exactly as in training. */
  scorer: LexiconScorer;
  nonAnswer: number;
  /** Reused between calls: allocating typed arrays costs more than the arithmetic done in them. */
  logits: Float64Array;
  tailLogits: Float64Array;
}

interface CompiledDomain {
  themeIds: ThemeId[];
  labels: Map<ThemeId, string>;
  /** The trained model, when the domain has one. */
  model?: ModelPart;
  /** Company themes the model cannot know, ranked by their lexicon (all themes when there is no model). */
  lexiconThemes: ThemeId[];
  lexiconScorer?: LexiconScorer;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Words that turn an answer towards its point: what follows them is what the answer is about. */
const TURN_WORDS: ReadonlySet<string> = new Set(['mainly', 'mostly', 'especially', 'instead', 'rather', 'primarily', 'chiefly']);
const TURN_PAIRS: ReadonlySet<string> = new Set([
  'its more', 'more about', 'more like', 'more the', 'more that', 'really want', 'main thing', 'big one', 'biggest thing',
  'biggest worry', 'worst is', 'worst bit', 'worst thing', 'really gets', 'really bugs', 'really worries', 'really scares',
  'but honestly', 'but really', 'but more', 'but actually', 'but mostly', 'but mainly',
]);

/** Index of the first word after the last turn, or -1 when the answer has no turn (or nothing after it). */
function tailStart(tokens: readonly Token[]): number {
  let start = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    const word = (tokens[i] as Token).raw;
    if (TURN_WORDS.has(word)) start = i + 1;
    else if (i + 1 < tokens.length && TURN_PAIRS.has(`${word} ${(tokens[i + 1] as Token).raw}`)) start = i + 2;
  }
  return start > 0 && start < tokens.length ? start : -1;
}

function humanise(id: string): string {
  return id.replace(/-/g, ' ');
}

function scorerFor(themes: readonly TaxonomyTheme[], offTopic: Taxonomy['offTopic']): LexiconScorer {
  return createLexiconScorer(themes, offTopic);
}

/**
 * Builds the classifier: per domain, the trained linear model (content/models/<domain>.model.json)
 * over word and character n-grams with the lexicon's evidence as extra features, and the lexicon
 * alone for what the model cannot know (a company's own themes, a company's own domain). All files
 * are read once here; `classify` is in-memory work of a few tens of microseconds.
 */
export function createThemeClassifier(options: ThemeClassifierOptions = {}): ThemeClassifier {
  const taxonomy: Taxonomy = loadTaxonomy(options);
  const themesDir = options.themesDir ?? DEFAULT_THEMES_DIR;
  const modelsDir = options.modelsDir ?? path.join(themesDir, '..', 'models');
  const domains = new Map<string, CompiledDomain>();
  let nonAnswerFallback: ModelPart | undefined;

  for (const d of taxonomy.domains) {
    const contract = d.themes.filter((t) => t.contract);
    const company = d.themes.filter((t) => !t.contract);
    const classes = modelClasses(contract.map((t) => t.id));
    const given = options.models?.[d.domain];
    let model: LinearModel | undefined;
    if (given !== undefined) model = modelFrom(given, `models.${d.domain}`, d.domain, classes);
    else if (contract.length > 0) model = loadModel(modelsDir, d.domain, classes);
    const labels = new Map(d.themes.map((t) => [t.id, t.label]));
    labels.set(NO_CONCERN_THEME_ID, NO_CONCERN_LABEL);
    const compiled: CompiledDomain = { themeIds: d.themes.map((t) => t.id), labels, lexiconThemes: [] };
    if (model) {
      compiled.model = {
        model,
        extractor: createFeatureExtractor(model.features),
        scorer: scorerFor(contract, taxonomy.offTopic),
        nonAnswer: model.classes.indexOf(NON_ANSWER_LABEL),
        logits: new Float64Array(model.classes.length),
        tailLogits: new Float64Array(model.classes.length),
      };
      nonAnswerFallback ??= compiled.model;
    }
    const byLexicon = model ? company : d.themes;
    if (byLexicon.length > 0) {
      compiled.lexiconThemes = byLexicon.map((t) => t.id);
      compiled.lexiconScorer = scorerFor(byLexicon, taxonomy.offTopic);
    }
    domains.set(d.domain, compiled);
  }
  const scoreSentiment = createSentimentScorer();
  const domainNames = [...domains.keys()];
  const vector: FeatureVector = { index: [], value: [] };

  function domainOf(domain: string): CompiledDomain {
    const found = domains.get(domain);
    if (!found) {
      throw new AppError('BAD_REQUEST', `Unknown domain "${domain}". Known domains: ${domainNames.join(', ')}`);
    }
    return found;
  }

  function predict(part: ModelPart, tokens: readonly Token[], context: ClassificationContext | undefined): Float64Array {
    const { model } = part;
    const logits = logitsOf(part, tokens, context, part.logits);
    const tail = model.inference.tailWeight > 0 ? tailStart(tokens) : -1;
    if (tail > 0) {
      const tailLogits = logitsOf(part, tokens.slice(tail), context, part.tailLogits);
      // The tail says which theme the answer turns to; it cannot make the whole answer carry
      // nothing ("late especially when the weather is bad" is still about the bus).
      for (let c = 0; c < logits.length; c += 1) {
        if (c !== part.nonAnswer) logits[c] = (logits[c] as number) + model.inference.tailWeight * (tailLogits[c] as number);
      }
    }
    logits[part.nonAnswer] = (logits[part.nonAnswer] as number) + model.inference.nonAnswerBias;
    return softmax(logits);
  }

  function logitsOf(part: ModelPart, tokens: readonly Token[], context: ClassificationContext | undefined, out: Float64Array): Float64Array {
    part.extractor.extract(tokens, part.scorer.evidence(tokens), context?.lens, vector);
    return part.model.logits(vector, out);
  }

  /** Model classes (without non-answer) with their probabilities, best first; `other` first when the best is unsure. */
  function modelRanking(part: ModelPart, probabilities: Float64Array): Array<{ id: ThemeId; weight: number }> {
    const ranked: Array<{ id: ThemeId; weight: number }> = [];
    part.model.classes.forEach((id, index) => {
      if (index !== part.nonAnswer) ranked.push({ id, weight: probabilities[index] as number });
    });
    ranked.sort((a, b) => b.weight - a.weight);
    const best = ranked[0];
    if (best && best.id !== OTHER_THEME_ID && best.weight < part.model.inference.minConfidence) {
      const other = ranked.findIndex((e) => e.id === OTHER_THEME_ID);
      if (other > 0) {
        ranked.splice(other, 1);
        ranked.unshift({ id: OTHER_THEME_ID, weight: best.weight });
      }
    }
    return ranked;
  }

  /**
   * One ranking from the model's probabilities and the company themes' lexicon evidence. Both are
   * made relative to their own best before merging; a company theme whose evidence matches the
   * strongest contract theme's evidence ranks level with the model's best, and wins the tie,
   * because the company listed those words on purpose.
   */
  function merge(model: Array<{ id: ThemeId; weight: number }>, lexicon: Array<{ id: ThemeId; weight: number }>): ThemeScore[] {
    const best = model[0]?.weight ?? 0;
    const entries = [
      ...lexicon.map((e, order) => ({ ...e, lexicon: true, order })),
      ...model
        .filter((e, rank) => e.weight >= best * (rank === 1 ? RUNNER_UP_RELATIVE : MIN_RELATIVE))
        .map((e, order) => ({ id: e.id, weight: best > 0 ? e.weight / best : 0, lexicon: false, order })),
    ];
    entries.sort((a, b) => b.weight - a.weight || Number(b.lexicon) - Number(a.lexicon) || a.order - b.order);
    // `other` only ever stands alone at the top: after a real theme it says nothing.
    const kept = entries.filter((e, i) => i === 0 || e.id !== OTHER_THEME_ID).slice(0, MAX_THEMES);
    const top = kept[0]?.weight ?? 0;
    if (kept.length === 0 || top <= 0) return OTHER;
    return kept.map((e) => ({ id: e.id, score: Math.max(round3(e.weight / top), 0.001) }));
  }

  function lexiconRanking(compiled: CompiledDomain, tokens: readonly Token[], contractBest: number): Array<{ id: ThemeId; weight: number }> {
    if (!compiled.lexiconScorer) return [];
    const evidence = compiled.lexiconScorer.evidence(tokens);
    const ranked = rankByEvidence(evidence, MAX_THEMES);
    const best = Math.max(...evidence.totals);
    if (ranked.length === 0 || best < MIN_EVIDENCE) return [];
    const scale = Math.max(best, contractBest);
    return ranked.map((r) => ({ id: compiled.lexiconThemes[r.index] as ThemeId, weight: (evidence.totals[r.index] as number) / scale }));
  }

  return {
    domains: () => [...domainNames],
    themes: (domain) => [...domainOf(domain).themeIds],
    label(domain, themeId) {
      const compiled = domainOf(domain);
      if (themeId === OTHER_THEME_ID) return 'what you shared';
      return compiled.labels.get(themeId) ?? humanise(themeId);
    },
    classify(domain, text, context) {
      const compiled = domainOf(domain);
      const { spoken, tokens } = utteranceTokens(text);
      const sentiment = scoreSentiment(spoken);
      if (tokens.length === 0) return { themes: OTHER, sentiment, ...(nonAnswerFallback ? { nonAnswer: 1 } : {}) };

      const part = compiled.model;
      if (!part) {
        // A company's own domain: its lexicon ranks the themes; whether the words carry anything
        // is not domain-specific ("dunno", "play some music"), so a trained model judges that.
        const nonAnswer = nonAnswerFallback ? round3(predict(nonAnswerFallback, tokens, context)[nonAnswerFallback.nonAnswer] as number) : undefined;
        // The other domain's model knows nothing of this domain's topics, so its judgement never
        // overrides a match of this domain's own words.
        const ranked = compiled.lexiconScorer ? rankByEvidence(compiled.lexiconScorer.evidence(tokens), MAX_THEMES) : [];
        const themes =
          ranked.length === 0 ? OTHER : ranked.map((r) => ({ id: compiled.lexiconThemes[r.index] as ThemeId, score: Math.max(round3(r.score), 0.001) }));
        return nonAnswer === undefined ? { themes, sentiment } : { themes, sentiment, nonAnswer };
      }

      const probabilities = predict(part, tokens, context);
      const nonAnswer = round3(probabilities[part.nonAnswer] as number);
      if (nonAnswer >= NON_ANSWER_THRESHOLD) return { themes: OTHER, sentiment, nonAnswer };
      const contractBest = compiled.lexiconScorer ? Math.max(0, ...part.scorer.evidence(tokens).totals) : 0;
      const themes = merge(modelRanking(part, probabilities), lexiconRanking(compiled, tokens, contractBest));
      return { themes, sentiment, nonAnswer };
    },
  };
}
