import { PhaseSchema } from '../../../../src/interview/conversation-state.schema';
import { INTERCEPTORS, PHASE_HANDLERS } from '../../../../src/interview/engine/interview.engine';
import { contextFor } from './turn-context.fixtures';

describe('the engine handler tables', () => {
  it.each(PhaseSchema.options)('exactly one phase handler answers in phase %s', (phase) => {
    const ctx = contextFor({ type: 'unknown' }, { state: { phase } });
    expect(PHASE_HANDLERS.filter((h) => h.canHandle(ctx)).map((h) => h.name)).toHaveLength(1);
  });

  it('checks the end of the session and crisis language before anything else, then welcomes', () => {
    expect(INTERCEPTORS.slice(0, 4).map((i) => i.name)).toEqual(['session-ended', 'restart-after-end', 'crisis', 'welcome']);
  });
});
