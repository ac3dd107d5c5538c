import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join('scripts', 'classifier', 'classify.cli.ts');

function run(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 25000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('classify CLI', () => {
  it('prints one JSON line per non-blank utterance, themes best first', () => {
    const input = 'i want to pay off my credit card\n\n   \nwhat is the weather like\ni am not happy with the fees\n';
    const { status, stdout, stderr } = run(['--domain', 'money'], input);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);

    expect(lines[0].text).toBe('i want to pay off my credit card');
    expect(lines[0].themes[0]).toEqual({ id: 'debt', score: 1 });
    expect(typeof lines[0].sentiment).toBe('number');
    expect(lines[0].nonAnswer).toBeLessThan(0.5);
    expect(lines[1]).toEqual({ text: 'what is the weather like', themes: [{ id: 'other', score: 1 }], sentiment: 0, nonAnswer: expect.any(Number) });
    expect(lines[1].nonAnswer).toBeGreaterThanOrEqual(0.5);
    expect(lines[2].themes[0].id).toBe('banking');
    expect(lines[2].sentiment).toBeLessThan(0);
    for (const line of lines) {
      const scores: number[] = line.themes.map((t: { score: number }) => t.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('accepts --domain=value', () => {
    const { status, stdout } = run(['--domain=mobility'], 'stuck in rush hour traffic every morning\n');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).themes[0].id).toBe('commute');
  });

  it('passes the question lens as context, and refuses an unknown one', () => {
    const { status, stdout } = run(['--domain', 'money', '--lens', 'fear'], 'i dont really have any worries about money\n');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).themes[0].id).toBe('no-concern');
    const bad = run(['--domain', 'money', '--lens', 'hope'], 'x\n');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('dream, fear, frustration');
  });

  it('exits 2 naming the valid domains when the domain is unknown', () => {
    const { status, stdout, stderr } = run(['--domain', 'pets'], 'my dog\n');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Unknown domain "pets"');
    expect(stderr).toContain('money, mobility, food');
  });

  it('exits 2 naming the valid domains when --domain is missing', () => {
    const { status, stderr } = run([], 'hello\n');
    expect(status).toBe(2);
    expect(stderr).toContain('Missing --domain');
    expect(stderr).toContain('money, mobility, food');
  });

  it('exits 2 on an unknown argument or a flag without a value', () => {
    expect(run(['--domain', 'money', '--verbose'], '').status).toBe(2);
    expect(run(['--domain'], '').status).toBe(2);
  });

  it('exits 1 with the content error when an extra themes file is invalid', () => {
    const file = path.join(ROOT, 'test', 'fixtures', 'classifier', 'extra-themes.override.json');
    const { status, stderr } = run(['--domain', 'money', '--extra-themes', file], 'x\n');
    expect(status).toBe(1);
    expect(stderr).toContain('CONTENT_INVALID');
    expect(stderr).toContain('themes[0].id');
  });
});
