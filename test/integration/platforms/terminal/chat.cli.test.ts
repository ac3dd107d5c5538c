import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openInsightStore } from '../../../../src/persistence/insight-store.factory';
import { INTENT_TABLE } from '../../../../src/platforms/intent.table';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const CONTENT = path.join(ROOT, 'content', 'en-US');

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

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
    expect(run.replies[4]).toMatch(/Harbour Homes could help with this: free mortgage advice from independent advisers\. Would you like me to send you their details\?/);
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

describe('npm run chat: switching area mid-question with a sample phrase of the voice models', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-chat-switch-'));
  const SWITCH = "actually no wait, let's talk about food instead";

  it('leaves money for food on "actually no wait, let\'s talk about food instead", storing nothing for that line', async () => {
    // The line is a ChangeDomainIntent sample wrapped in fillers, not something written for this test.
    const change = INTENT_TABLE.intents.find((e) => e.action === 'change-domain');
    expect(change?.samples['en-US']).toContain("let's talk about {domain} instead");

    const run = chat(['money', 'i want to buy a house', SWITCH, 'stop'], ['--user', 'switcher'], { DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.replies).toHaveLength(5);
    // After the first answer the money follow-up is open when the customer changes their mind.
    expect(run.replies[2]).toMatch(/\?$/);
    const intros = readJson<{ domainIntro: string[] }>(path.join(CONTENT, 'common.json')).domainIntro.map((intro) => intro.replace('{domain}', 'food'));
    const foodQuestions = readJson<{ questions: { dream: string[] } }>(path.join(CONTENT, 'domains', 'food.json')).questions.dream;
    const reply = run.replies[3]?.replace(/^ASSISTANT: /, '') ?? '';
    expect(intros.some((intro) => reply.startsWith(intro))).toBe(true);
    expect(foodQuestions.some((question) => reply.endsWith(question))).toBe(true);
    expect(run.replies[4]).toMatch(/take care|goodbye/i);

    const store = await openInsightStore({ dataDir });
    try {
      const stored: Array<{ domain: string; text: string | null }> = [];
      for await (const answer of store.exportAnswers()) stored.push({ domain: answer.domain, text: answer.text });
      expect(stored).toEqual([{ domain: 'money', text: 'i want to buy a house' }]);
    } finally {
      await store.close();
    }
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Runs the chat on a pseudo-terminal (util-linux `script`), as a person would: each line is typed
 * only once its prompt is on screen, and stdin stays open, so the chat has to end by itself.
 */
function typeIntoChat(lines: string[], args: string[]): Promise<{ code: number | null; screen: string; typed: number }> {
  return new Promise((resolve) => {
    const command = ['npm', 'run', '--silent', 'chat', '--', ...args].join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    });
    let screen = '';
    let typed = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      const prompts = screen.split('you> ').length - 1;
      if (prompts > typed && typed < lines.length) {
        child.stdin.write(`${lines[typed]}\r`);
        typed += 1;
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, screen, typed });
    });
  });
}

(hasScript ? describe : describe.skip)('npm run chat on a terminal', () => {
  /** The screen as a person sees it: cursor movements dropped, carriage returns as line ends. */
  const ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');
  const visible = (screen: string) => screen.replace(ESCAPE, '').replace(/\r+\n/g, '\n').replace(/\r/g, '\n');

  it('shows a prompt and what is typed, and exits 0 right after goodbye', async () => {
    const run = await typeIntoChat(['money', 'stop'], ['--memory']);
    expect(run.code).toBe(0);
    expect(run.typed).toBe(2);
    const screen = visible(run.screen);
    expect(screen).toMatch(/^you> money$/m);
    expect(screen).toMatch(/^you> stop$/m);
    expect(screen.trimEnd()).toMatch(/ASSISTANT: .*(take care|goodbye)[.!]?$/i);
  });

  it('exits 0 right after an erasure, without waiting for another Enter', async () => {
    const run = await typeIntoChat(['delete my answers', 'yes'], ['--memory']);
    expect(run.code).toBe(0);
    expect(visible(run.screen)).toMatch(/^you> yes\nASSISTANT: .+$/m);
  });
});
