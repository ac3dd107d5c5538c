import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';
import { loadContent, type ContentCatalog } from '../content/content.loader';
import { createThemeClassifier } from '../classifier/theme.classifier';
import type { ThemeClassifier } from '../classifier/classifier.types';
import { createPiiRedactor } from '../privacy/pii.redactor';
import { InterviewEngine } from '../interview/engine/interview.engine';
import { InterviewService } from '../interview/interview.service';
import { createPseudonymizer } from '../privacy/respondent.pseudonymizer';
import type { InsightStore } from '../persistence/insight-store.port';
import { openInsightStore } from '../persistence/insight-store.factory';
import { createLogger, type Logger } from '../logging/logger';
import { loadPartners } from '../partners/partner.loader';
import { createPartnerDirectory, type PartnerDirectory } from '../partners/partner.matcher';
import { createDistressDetector } from '../safety/distress.detector';

/** Everything an edge (HTTP server, Lambda, terminal) needs, built once per process. */
export interface Dependencies {
  config: Config;
  content: ContentCatalog;
  classifier: ThemeClassifier;
  engine: InterviewEngine;
  service: InterviewService;
  store: InsightStore;
  logger: Logger;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** Use this store instead of opening one from configuration (tests, `chat --memory`). */
  store?: InsightStore;
  logger?: Logger;
  partners?: PartnerDirectory;
}

export async function buildDependencies(config: Config, options: BuildOptions = {}): Promise<Dependencies> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const content = loadContent(config.contentDir);
  // Themes live beside the wording, so the Lambda bundle (which copies content/) finds them too.
  const classifier = createThemeClassifier({ themesDir: path.join(config.contentDir, 'themes'), extraThemesFile: config.themesFile });
  const partners = options.partners ?? createPartnerDirectory(config.partnersFile ? loadPartners(config.partnersFile, classifier) : []);
  // Loaded at start, not on first use: a broken safety file must stop the start with the file
  // named, never surface in the middle of a turn that may be a crisis.
  const distress = createDistressDetector({ dir: path.join(config.contentDir, 'safety') });
  const engine = new InterviewEngine({ content, classifier, partners, distress });
  const store = options.store ?? (await openInsightStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const service = new InterviewService({
    engine,
    store,
    redactor: createPiiRedactor(),
    pseudonymize: createPseudonymizer(config.pseudonymSecret ?? developmentSecret(config.dataDir)),
    logger,
    contentDir: config.contentDir,
  });
  return {
    config,
    content,
    classifier,
    engine,
    service,
    store,
    logger,
    close: () => store.close(),
  };
}

/**
 * Outside production a fresh checkout must just work, so the pseudonym key is generated once and
 * kept beside the embedded data. Losing it only means returning users are not recognised.
 */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'pseudonym.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process created it first; use theirs.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
