import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { USERS } from '../../src/sandbox';
import { formatSlackDate } from '../../web/demo/model/slackDate';

/**
 * `npm run demo` in a real browser: Debian's Chromium driven by playwright-core (which never
 * downloads a browser of its own). Not part of `npm test`, which needs nothing but Node.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const CIRCLE = 'Browser Circle';
const CIRCLE_TZ = 'America/New_York';

let demo: ChildProcess | undefined;
let context: BrowserContext | undefined;
let page: Page;
let url = '';
const dataDir = mkdtempSync(join(tmpdir(), 'peer-circles-demo-'));
const profileDir = mkdtempSync(join(tmpdir(), 'peer-circles-chromium-'));

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  url = await startDemo(await freePort());
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  await page.getByTestId('act-as').waitFor();
});

after(async () => {
  await context?.close();
  if (demo && demo.exitCode === null) {
    const exited = new Promise((resolve) => demo?.once('exit', resolve));
    demo.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

test('an organizer creates a circle through the modal, with a field error on the way', async () => {
  await actAs(USERS.owner);
  await openChannel('general');
  await type('/circle new');
  const modal = page.locator('.modal');
  await modal.waitFor();
  const field = (blockId: string) => modal.locator(`[data-block-id="${blockId}"]`);
  await field('circle_name').locator('input').fill(CIRCLE);
  await field('circle_focus').locator('textarea').fill('People trying the demo in a browser.');
  await field('circle_channel_mode').locator('select').selectOption('new_public');
  await field('cycle_start_date').locator('input').fill(startDate());
  await field('cycle_length').locator('select').selectOption('6');
  await field('cadence_frequency').locator('select').selectOption('weekly');
  await field('cadence_weekday').locator('select').selectOption('thursday');
  await field('cadence_time').locator('input').fill('09:00');
  await field('cadence_time_zone').locator('input').fill('Mars/Olympus_Mons');
  await modal.getByRole('button', { name: 'Create' }).click();
  // The app answers response_action: errors; the page shows it under the field and keeps the modal open.
  await field('cadence_time_zone').locator('.bk-error').waitFor();
  await field('cadence_time_zone').locator('input').fill(CIRCLE_TZ);
  await modal.getByRole('button', { name: 'Create' }).click();
  await modal.waitFor({ state: 'detached' });
  await page.locator('.sidebar-item[data-name="circle-browser-circle"]').waitFor();
});

test('two members join: one by typing, one with the Join button of /circle list', async () => {
  await actAs(USERS.ben);
  await openChannel('general');
  await type(`/circle join ${CIRCLE}`);
  await page.locator('.message.ephemeral', { hasText: `You're in ${CIRCLE}` }).waitFor();
  assert.ok(await page.locator('.message.ephemeral .only-you').first().isVisible());

  await actAs(USERS.dev);
  await openChannel('general');
  await type('/circle list');
  const list = page.locator('.message.ephemeral', { hasText: CIRCLE }).last();
  await list.getByRole('button', { name: 'Join' }).first().click();
  await page.locator('.message.ephemeral', { hasText: `You're in ${CIRCLE}` }).waitFor();
});

test('a week later, the member in Kolkata reads the reminder at their own time', async () => {
  await page.locator('[data-jump="week"]').click();
  await page.locator('[data-jump="week"]:disabled').waitFor({ state: 'detached', timeout: 60_000 });
  await actAs(USERS.dev);
  await openAppMessages();
  const reminder = page.locator('.message', { hasText: `${CIRCLE} meets` }).first();
  await reminder.waitFor();
  const shown = await reminder.locator('time.slack-date').first().textContent();
  const start = sessionStart();
  const now = Date.now();
  const inKolkata = formatSlackDate(start / 1000, '{date_long_pretty} at {time}', { timeZone: 'Asia/Kolkata', now });
  const inNewYork = formatSlackDate(start / 1000, '{date_long_pretty} at {time}', { timeZone: CIRCLE_TZ, now });
  assert.equal(shown, inKolkata);
  assert.notEqual(inKolkata, inNewYork);
  assert.match(shown ?? '', /7:30 PM|6:30 PM/);
});

test('a posted javascript: link shows as text; an https one is a link', async () => {
  await actAs(USERS.ben);
  await openChannel('general');
  await type('<javascript:document.title="pwned"|the notes> and <https://example.com/doc|the doc>');
  const message = page.locator('.message', { hasText: 'the notes and the doc' }).last();
  await message.waitFor();
  assert.deepEqual(await message.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), [
    'https://example.com/doc',
  ]);
  await message.getByText('the notes').click();
  assert.notEqual(await page.title(), 'pwned');
});

test('the guided tour plays to its end, and the page is left to the visitor', async () => {
  await page.getByTestId('tour').click();
  await page.locator('[data-tour-status="playing"]').waitFor();
  await page.locator('[data-tour-status="done"]').waitFor({ timeout: 120_000 });
  assert.ok(await page.getByTestId('act-as').isEnabled());
  await actAs(USERS.chloe);
  await openChannel('circle-new-managers');
  await page.locator('.message', { hasText: 'New Managers: agenda' }).first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ROOT, 'docs', 'demo.png') });
});

async function actAs(userId: string): Promise<void> {
  await page.getByTestId('act-as').selectOption(userId);
  await page.locator(`[data-testid="act-as"]`).evaluate(() => undefined);
}

async function openChannel(name: string): Promise<void> {
  await page.locator(`.sidebar-item[data-name="${name}"]`).click();
  await page.locator('.pane-header h1', { hasText: name }).waitFor();
}

async function openAppMessages(): Promise<void> {
  await page.locator('.sidebar-item[data-name="Peer Circles"]').click();
  await page.getByRole('tab', { name: 'Messages' }).click();
}

async function type(text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
}

/** The first Thursday at least 9 days from today in New York: its week-before reminder falls in the next week. */
function startDate(): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: CIRCLE_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 9));
  while (date.getUTCDay() !== 4) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** 09:00 in New York on the start date, whichever of its two offsets applies that day. */
function sessionStart(): number {
  const [y, m, d] = startDate().split('-').map(Number);
  for (const offsetHours of [5, 4]) {
    const at = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 9 + offsetHours);
    const local = new Intl.DateTimeFormat('en-US', { timeZone: CIRCLE_TZ, hour: 'numeric', hourCycle: 'h23' }).format(at);
    if (Number(local) === 9) return at;
  }
  throw new Error('no 09:00 in New York that day');
}

function startDemo(port: number): Promise<string> {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  demo = spawn(tsx, ['src/demo/main.ts', '--port', String(port), '--data-dir', dataDir, '--tour-step-ms', '150'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the demo did not start within 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Peer Circles demo: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    demo?.stdout?.on('data', read);
    demo?.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    demo?.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${String(code)}) before serving:\n${output}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo; // a TCP listen always has an AddressInfo
      server.close(() => resolve(port));
    });
  });
}
