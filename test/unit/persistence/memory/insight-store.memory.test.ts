import { openMemoryStore } from '../../../../src/persistence/memory/insight-store.memory';
import { turn } from '../../../support/insight-store.builders';
import { describeInsightStoreContract } from '../../../support/insight-store.contract';

describeInsightStoreContract('in-memory', async () => ({ open: async () => openMemoryStore() }), {
  persistent: false,
});

describe('in-memory store', () => {
  test('stored records are copies: mutating what was written or read changes nothing', async () => {
    const store = openMemoryStore();
    const write = turn({ respondentId: 'r1', answers: [{ id: 'a1', text: 'original' }] });
    await store.writeTurn(write);
    (write.answers[0] as { text: string | null }).text = 'changed by caller';
    for await (const a of store.exportAnswers()) a.text = 'changed by reader';
    const [stored] = await toArray(store.exportAnswers());
    expect(stored?.text).toBe('original');
  });
});

async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
