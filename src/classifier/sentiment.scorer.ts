import Sentiment from 'sentiment';
import afinn from 'sentiment/languages/en/labels.json';

/** Registered under its own code so the package's shared English labels are never mutated. */
const LANGUAGE = 'en-lifepath';

/**
 * AFINN misses how people talk about money, travel and food ("late", "overpriced"), and scores
 * spoken fillers as feelings ("like" in "it's like really expensive").
 */
const SPOKEN_ADJUSTMENTS: Record<string, number> = {
  like: 0,
  pretty: 0,
  late: -1,
  delayed: -2,
  cancelled: -2,
  expensive: -2,
  overpriced: -2,
  pricey: -1,
  afford: 1,
  crowded: -1,
  packed: -1,
  jammed: -1,
  broken: -2,
  scammed: -3,
  hacked: -3,
  mouldy: -2,
  rotten: -2,
  dreading: -2,
  nightmare: -3,
  struggle: -2,
  stressing: -2,
  worrying: -2,
  scary: -2,
  fortune: 0,
  free: 0,
  dream: 2,
  wish: 1,
};

const NEGATORS = new Set([
  'not', 'no', 'never', 'dont', 'doesnt', 'didnt', 'cant', 'cannot', 'couldnt', 'wont', 'wouldnt', 'shouldnt',
  'isnt', 'arent', 'wasnt', 'werent', 'havent', 'hasnt', 'hadnt', 'nor', 'neither', 'without', 'hardly',
]);

/** Words that end the reach of a negation ("not happy but fine" keeps "fine" positive). */
const CLAUSE_BREAKS = new Set(['but', 'because', 'so', 'though', 'although', 'however', 'and', 'yet', 'just', 'only']);

/** Spoken negation often sits a few words before the feeling ("not very happy", "dont really worry"). */
const NEGATION_REACH = 3;

let registered = false;

function ensureLanguage(sentiment: Sentiment): void {
  if (registered) return;
  sentiment.registerLanguage(LANGUAGE, {
    labels: { ...(afinn as Record<string, number>), ...SPOKEN_ADJUSTMENTS },
    scoringStrategy: {
      apply(tokens, cursor, score) {
        for (let k = cursor - 1; k >= 0 && k >= cursor - NEGATION_REACH; k -= 1) {
          const token = tokens[k] as string;
          if (CLAUSE_BREAKS.has(token)) break;
          if (NEGATORS.has(token)) return -score;
        }
        return score;
      },
    },
  });
  registered = true;
}

/**
 * Returns a scorer mapping text to [-1, 1]. The AFINN sum is divided by the square root of the
 * length so a long answer is not flattened to neutral, then squashed with tanh so one strong
 * word does not pin the value at an extreme.
 */
export function createSentimentScorer(): (tokens: readonly string[]) => number {
  const sentiment = new Sentiment();
  ensureLanguage(sentiment);
  return (tokens) => {
    if (tokens.length === 0) return 0;
    const { score } = sentiment.analyze(tokens.join(' '), { language: LANGUAGE });
    const value = Math.tanh(score / (1.5 * Math.sqrt(tokens.length)));
    return Math.round(value * 1000) / 1000 || 0;
  };
}
