import path from 'node:path';

/**
 * Tests run quietly: a test that writes to the console fails, so noise is removed where it starts
 * instead of scrolling past in every run and hiding the output that matters. What was written
 * still reaches Jest's console (shown with the failure). A test that means to check console
 * output mocks it with `jest.spyOn(console, 'warn').mockImplementation(...)`, which takes this
 * guard's place for that method until restored.
 */
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

const HOW_TO_FIX = 'tests must be quiet: put what matters in an assertion message, or mock the console method the code under test uses';

let written: string[] = [];

/** Where the console was called from; Jest's own console block points at the wrapper below instead. */
function caller(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const frame = frames.find((line) => !line.includes(__filename))?.trim() ?? '';
  const location = /\((.+)\)$/.exec(frame)?.[1] ?? frame.replace(/^at /, '');
  return location ? path.relative(process.cwd(), location) : 'an unknown place';
}

for (const method of METHODS) {
  const original = console[method].bind(console) as (...args: unknown[]) => void;
  console[method] = (...args: unknown[]): void => {
    written.push(`console.${method} at ${caller()}`);
    original(...args);
  };
}

function take(): string[] {
  const calls = written;
  written = [];
  return calls;
}

function describeCalls(calls: string[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  return [...counts].map(([call, n]) => (n > 1 ? `${call} (${n} times)` : call)).join('; ');
}

// Output from module scope or a beforeAll belongs to no single test; it is reported at the end of the file.
let outsideTests: string[] = [];

beforeEach(() => {
  outsideTests.push(...take());
});

afterEach(() => {
  const calls = take();
  if (calls.length > 0) throw new Error(`This test wrote to the console (${describeCalls(calls)}); ${HOW_TO_FIX}.`);
});

afterAll(() => {
  const calls = [...outsideTests, ...take()];
  outsideTests = [];
  if (calls.length > 0) throw new Error(`This file wrote to the console outside its tests (${describeCalls(calls)}); ${HOW_TO_FIX}.`);
});
