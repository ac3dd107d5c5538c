import { AppError } from '../errors/app-error';
import type { Classification, ThemeClassifier, ThemeClassifierOptions, ThemeId, ThemeScore } from './classifier.types';
import { compileLexicon, findHits, type CompiledLexicon, type LexiconHit, type Token } from './lexicon.matcher';
import { createSentimentScorer } from './sentiment.scorer';
import { loadTaxonomy, type Taxonomy } from './taxonomy.loader';
import { DROPPED_WORDS, dropFillers, rawTokens, stem } from './text.normaliser';
import { OTHER_THEME_ID } from './theme.contract';

export { loadTaxonomy, DEFAULT_THEMES_DIR } from './taxonomy.loader';
export type { Taxonomy, TaxonomyDomain, TaxonomyTheme, TaxonomyOptions } from './taxonomy.loader';

/** A negated mention still says what the answer is about, but less than a plain one. */
const NEGATED_FACTOR = 0.5;
/** Saying "bus" three times is emphasis, not three times the evidence. */
const REPEAT_FACTOR = 0.5;
/** Below this, the evidence is a lone weak hint: better `other` than a guess. */
const MIN_EVIDENCE = 1.25;
/** Secondary themes must carry at least this share of the best theme's evidence. */
const MIN_RELATIVE = 0.2;
const MAX_THEMES = 4;
/** How many words after "not"/"never" a negation reaches, unless a clause break comes first. */
const NEGATION_REACH = 4;

const NEGATORS = new Set([
  'not', 'no', 'never', 'dont', 'doesnt', 'didnt', 'cant', 'cannot', 'couldnt', 'wont', 'wouldnt', 'shouldnt',
  'isnt', 'arent', 'wasnt', 'werent', 'havent', 'hasnt', 'hadnt', 'nor', 'neither', 'without', 'aint',
]);
const CLAUSE_BREAKS = new Set([
  'but', 'because', 'cause', 'cos', 'so', 'just', 'only', 'though', 'although', 'however', 'instead', 'rather',
  'except', 'yet', 'and', 'its', 'it',
  // Speech has no full stops; a new subject is the best sign that a new clause has started.
  'i', 'im', 'we', 'they', 'he', 'she', 'you',
]);

const OTHER: Classification['themes'] = [{ id: OTHER_THEME_ID, score: 1 }];

interface CompiledDomain {
  label: string;
  themeIds: ThemeId[];
  labels: Map<ThemeId, string>;
  countNegated: boolean[];
  lexicon: CompiledLexicon;
}

/**
 * Marks tokens inside a negation's reach. A negator that is itself part of a lexicon phrase
 * ("no time", "cant drive", "without a car") is content, not negation.
 */
function negationMask(tokens: readonly Token[], hits: readonly LexiconHit[]): boolean[] {
  const inPhrase = new Array<boolean>(tokens.length).fill(false);
  for (const hit of hits) for (const position of hit.positions) inPhrase[position] = true;
  const mask = new Array<boolean>(tokens.length).fill(false);
  let reach = 0;
  tokens.forEach((token, i) => {
    if (CLAUSE_BREAKS.has(token.raw)) reach = 0;
    else if (NEGATORS.has(token.raw) && !inPhrase[i]) reach = NEGATION_REACH;
    else if (reach > 0) {
      mask[i] = true;
      reach -= 1;
    }
  });
  return mask;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function humanise(id: string): string {
  return id.replace(/-/g, ' ');
}

/**
 * Builds the lexicon classifier. The taxonomy is read and compiled once here; `classify` is then
 * pure in-memory work (a few map lookups per word), well under a millisecond per utterance.
 */
export function createThemeClassifier(options: ThemeClassifierOptions = {}): ThemeClassifier {
  const taxonomy: Taxonomy = loadTaxonomy(options);
  const domains = new Map<string, CompiledDomain>();
  for (const d of taxonomy.domains) {
    domains.set(d.domain, {
      label: d.label,
      themeIds: d.themes.map((t) => t.id),
      labels: new Map(d.themes.map((t) => [t.id, t.label])),
      countNegated: d.themes.map((t) => t.countNegated),
      lexicon: compileLexicon(d.themes.map((t) => t.terms)),
    });
  }
  const offTopic = compileLexicon([taxonomy.offTopic]);
  const scoreSentiment = createSentimentScorer();
  const domainNames = [...domains.keys()];

  function domainOf(domain: string): CompiledDomain {
    const found = domains.get(domain);
    if (!found) {
      throw new AppError('BAD_REQUEST', `Unknown domain "${domain}". Known domains: ${domainNames.join(', ')}`);
    }
    return found;
  }

  function rankThemes(compiled: CompiledDomain, tokens: readonly Token[]): ThemeScore[] {
    const hits = findHits(compiled.lexicon, tokens);
    if (hits.length === 0) return OTHER;
    const negated = negationMask(tokens, hits);
    const totals = new Array<number>(compiled.themeIds.length).fill(0);
    const strongest = new Array<number>(compiled.themeIds.length).fill(0);
    // Evidence before the negation discount: "i am not happy with the fees" is still about fees.
    const plain = new Array<number>(compiled.themeIds.length).fill(0);
    const seen = new Set<string>();
    for (const hit of hits) {
      const seenKey = `${hit.group}:${hit.key}`;
      let weight = hit.weight;
      if (seen.has(seenKey)) weight *= REPEAT_FACTOR;
      seen.add(seenKey);
      plain[hit.group] = (plain[hit.group] as number) + weight;
      if (negated[hit.start] && !compiled.countNegated[hit.group]) weight *= NEGATED_FACTOR;
      totals[hit.group] = (totals[hit.group] as number) + weight;
      strongest[hit.group] = Math.max(strongest[hit.group] as number, weight);
    }
    const evidence = Math.max(...plain);
    if (evidence < MIN_EVIDENCE) return OTHER;
    // A command such as "play my driving playlist" may brush a theme word; the request wins.
    const offTopicEvidence = findHits(offTopic, tokens).reduce((sum, hit) => sum + hit.weight, 0);
    if (offTopicEvidence >= evidence) return OTHER;
    const best = Math.max(...totals);

    return totals
      .map((total, index) => ({ index, total }))
      .filter(({ total }) => total > 0 && total >= best * MIN_RELATIVE)
      .sort(
        (a, b) =>
          b.total - a.total ||
          (strongest[b.index] as number) - (strongest[a.index] as number) ||
          a.index - b.index,
      )
      .slice(0, MAX_THEMES)
      .map(({ index, total }) => ({ id: compiled.themeIds[index] as ThemeId, score: Math.max(round3(total / best), 0.001) }));
  }

  return {
    domains: () => [...domainNames],
    themes: (domain) => [...domainOf(domain).themeIds],
    label(domain, themeId) {
      const compiled = domainOf(domain);
      if (themeId === OTHER_THEME_ID) return 'what you shared';
      return compiled.labels.get(themeId) ?? humanise(themeId);
    },
    classify(domain, text) {
      const compiled = domainOf(domain);
      const spoken = dropFillers(rawTokens(text));
      const tokens: Token[] = [];
      for (const raw of spoken) if (!DROPPED_WORDS.has(raw)) tokens.push({ raw, stem: stem(raw) });
      return { themes: rankThemes(compiled, tokens), sentiment: scoreSentiment(spoken) };
    },
  };
}
