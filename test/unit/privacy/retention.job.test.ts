import { AppError } from '../../../src/errors/app-error';
import { createLogger } from '../../../src/logging/logger';
import { openMemoryStore } from '../../../src/persistence/memory/insight-store.memory';
import type { RetentionStore } from '../../../src/privacy/retention-store.port';
import { purgeExpiredText, startRetentionJob } from '../../../src/privacy/retention.job';
import { at, turn } from '../../support/insight-store.builders';

const DAY_MINUTES = 24 * 60;

function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { logger: createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)), lines };
}

async function texts(store: ReturnType<typeof openMemoryStore>): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for await (const a of store.exportAnswers()) out[a.id] = a.text;
  return out;
}

describe('retention job', () => {
  test('purges the text of answers older than the retention period, measured from the clock it is given', async () => {
    const store = openMemoryStore();
    await store.writeTurn(
      turn({
        respondentId: 'r1',
        answers: [
          { id: 'old', minutes: -31 * DAY_MINUTES },
          { id: 'edge', minutes: -30 * DAY_MINUTES },
          { id: 'new', minutes: -29 * DAY_MINUTES },
        ],
      }),
    );
    const { logger, lines } = capturedLogger();

    expect(await purgeExpiredText({ store, retentionDays: 30, logger, now: () => at(0) })).toBe(1);

    // The cut-off itself is kept: only answers strictly older than it lose their text.
    expect(await texts(store)).toEqual({ old: null, edge: 'answer edge about savings', new: 'answer new about savings' });
    expect(lines).toEqual([expect.objectContaining({ level: 'info', event: 'retention-purge', count: 1 })]);
  });

  test('a failing store is logged by code only, and the job does not throw', async () => {
    const store: RetentionStore = {
      purgeTextBefore: () => Promise.reject(new AppError('STORE_UNAVAILABLE', 'connect ECONNREFUSED 10.0.0.5:5432')),
    };
    const { logger, lines } = capturedLogger();

    expect(await purgeExpiredText({ store, retentionDays: 7, logger })).toBeUndefined();

    expect(lines).toEqual([expect.objectContaining({ level: 'error', event: 'retention-purge-failed', code: 'STORE_UNAVAILABLE' })]);
    expect(JSON.stringify(lines)).not.toContain('ECONNREFUSED');
  });

  describe('when started', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    test('purges at once, then once per interval with a fresh cut-off, until stopped', async () => {
      const cutOffs: Date[] = [];
      const store: RetentionStore = {
        purgeTextBefore: async (before) => {
          cutOffs.push(before);
          return 0;
        },
      };
      let now = at(0);
      const job = await startRetentionJob({ store, retentionDays: 1, logger: capturedLogger().logger, now: () => now, intervalMs: 1000 });
      expect(cutOffs).toEqual([at(-DAY_MINUTES)]);

      now = at(60);
      await jest.advanceTimersByTimeAsync(1000);
      expect(cutOffs).toEqual([at(-DAY_MINUTES), at(60 - DAY_MINUTES)]);

      job.stop();
      await jest.advanceTimersByTimeAsync(5000);
      expect(cutOffs).toHaveLength(2);
    });
  });
});
