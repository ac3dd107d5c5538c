import { createDistressDetector } from './distress.detector';
import type { DistressDetector, DistressDetectorOptions } from './distress.types';

/**
 * A detector that builds its tables on the first answer it is asked about. A Lambda's first
 * request is usually a launch with nothing to assess, so the cold start does not pay for them.
 */
export function lazyDistressDetector(options: DistressDetectorOptions = {}): DistressDetector {
  let loaded: DistressDetector | undefined;
  const get = () => (loaded ??= createDistressDetector(options));
  return {
    assess: (text, locale) => get().assess(text, locale),
    languages: () => get().languages(),
  };
}
