import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

function chat(lines: string[], args: string[], env: Record<string, string>) {
  const result = spawnSync('npm', ['run', '--silent', 'chat', '--', ...args], {
    cwd: ROOT,
    input: lines.map((l) => `${l}\n`).join(''),
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    timeout: 60_000,
  });
  const replies = result.stdout.split('\n').filter((l) => l.startsWith('ASSISTANT: '));
  return { status: result.status, replies, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run chat (scripted)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-chat-'));
  const env = { DATA_DIR: dataDir };

  it('completes a whole interview from piped lines and exits 0, storing the answers', () => {
    const run = chat(
      [
        'money',
        'i want to buy a house',
        'it would give us stability',
        'i worry about losing my job',
        'my company is cutting staff',
        'the bank fees are ridiculous',
        'every month',
        'no',
      ],
      ['--user', 'piped-user'],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.replies).toHaveLength(9);
    expect(run.replies[0]).toMatch(/without your name/);
    expect(run.replies[8]).toMatch(/goodbye|take care/i);
    // Every line of stdout is a reply; nothing else is printed in scripted mode.
    expect(run.stdout.trim().split('\n').every((l) => l.startsWith('ASSISTANT: '))).toBe(true);
  });

  it('recognises the same user next time and offers to resume', () => {
    const first = chat(['food', 'cooking more at home', 'stop'], ['--user', 'returning-user'], env);
    expect(first.status).toBe(0);
    const second = chat(['carry on', 'stop'], ['--user', 'returning-user'], env);
    expect(second.status).toBe(0);
    expect(second.replies[0]).toMatch(/welcome back|hello again/i);
    expect(second.replies[0]).toMatch(/food/);
  });

  it('offers a partner from PARTNERS_FILE and sends its card only after a yes', () => {
    const partners = path.join(ROOT, 'test', 'fixtures', 'partners', 'partners.example.json');
    const run = chat(['i dream of buying a house', 'skip', 'skip', 'skip', 'yes', 'no'], ['--domain', 'money', '--memory'], { ...env, PARTNERS_FILE: partners });
    expect(run.status).toBe(0);
    expect(run.replies[4]).toMatch(/Harbour Homes helps with this\. Would you like me to send you their details\?/);
    expect(run.replies[5]).toMatch(/\[card: Harbour Homes https:\/\/partners\.example\.com\/harbour-homes\]$/);
    expect(run.replies.at(-1)).toMatch(/I've sent you Harbour Homes's details/);
  });

  it('starts straight in a domain and in another locale', () => {
    const run = chat(['skip', 'stop'], ['--domain', 'mobility', '--locale', 'en-GB', '--memory'], env);
    expect(run.status).toBe(0);
    expect(run.replies[0]).toMatch(/getting around/);
  });

  it('exits 0 when the input ends before the session does', () => {
    const run = chat(['money'], ['--memory'], env);
    expect(run.status).toBe(0);
    expect(run.replies).toHaveLength(2);
  });

  it('rejects an unknown option with usage and exit code 2', () => {
    const run = chat([], ['--bogus'], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Usage: npm run chat/);
  });
});
