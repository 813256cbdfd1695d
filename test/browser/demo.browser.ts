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

  // A slow read of the new person's view: typing at once must still act as them, not as Ben.
  await page.route('**/demo/api/state?*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.getByTestId('act-as').selectOption(USERS.dev);
  await type('/circle list');
  const list = page.locator('.message.ephemeral', { hasText: CIRCLE }).last();
  await list.waitFor();
  await page.unrouteAll({ behavior: 'wait' });
  await list.getByRole('button', { name: 'Join' }).first().click();
  await page.locator('.message.ephemeral', { hasText: `You're in ${CIRCLE}` }).waitFor();
});

test('a week later, the member in Kolkata reads the reminder at their own time', async () => {
  await page.locator('[data-jump="week"]').click();
  // The jump says what it brought once it is over.
  await page.getByTestId('travel-summary').waitFor({ timeout: 60_000 });
  assert.match((await page.getByTestId('travel-summary').textContent()) ?? '', /reminder/);
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

test('act 1, a circle’s rhythm: back and pause on the way, and the Home tab shows the next meeting at its end', async () => {
  await playAct(0, {
    async atStep(i) {
      if (i !== 2) return;
      await page.getByTestId('tour-back').click();
      await panel('[data-tour-step="1"]').waitFor();
      await page.getByTestId('tour-pause').click();
      await panel('[data-tour-paused="yes"]').waitFor();
      // Paused: the step stays; nothing moves on by itself.
      await page.waitForTimeout(300);
      assert.ok(await panel('[data-tour-step="1"]').isVisible());
      await page.getByTestId('tour-pause').click();
      await panel('[data-tour-paused="no"]').waitFor();
      await page.getByTestId('tour-next').click();
      await panel('[data-tour-step="2"]').waitFor();
    },
    async atEnd() {
      await page.locator('.home', { hasText: 'New Managers' }).waitFor();
    },
  });
});

test('act 2, check-ins: the member who missed twice reads the nudge and the answer', async () => {
  await playAct(1, {
    async atEnd() {
      // The nudge's answer replaces its buttons, in the member's DM.
      await page.locator('.message', { hasText: 'see you' }).last().waitFor();
    },
  });
});

test('act 3, a coaching program: a group DM titled with two people’s names', async () => {
  await playAct(2, {
    async atEnd() {
      const title = page.locator('.pane-header h1');
      await title.filter({ hasText: ', ' }).waitFor();
      assert.match((await title.textContent()) ?? '', /^[A-Z][a-z]+ [A-Z][a-z]+, [A-Z][a-z]+ [A-Z][a-z]+$/);
      await page.locator('.message', { hasText: 'says you met' }).last().waitFor();
    },
  });
});

test('act 4, the end of a cycle: the chart as an image and a CSV table in the organizer’s DM', async () => {
  await playAct(3, {
    async atEnd() {
      const image = page.locator('.message .file-image img').last();
      await image.waitFor();
      // Loaded and drawn, not a broken image.
      const drawn = () => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0);
      for (let i = 0; i < 50 && !(await drawn()); i++) await page.waitForTimeout(100);
      assert.ok(await drawn());
      await page.locator('.message .file-csv table').first().waitFor();
      assert.ok((await page.locator('.message .file-csv table tr').count()) > 1);
    },
  });
});

test('act 5, forming a program’s circles: a fellow reads why their circle is together', async () => {
  await playAct(4, {
    async atEnd() {
      await page.locator('.message', { hasText: 'Why you are together' }).last().waitFor();
    },
  });
});

test('while a week goes by after the acts, typing waits for the clock: refused visibly, not queued', async () => {
  const composer = page.getByTestId('composer');
  await page.locator('[data-jump="week"]').click();
  await page.locator('[data-testid="composer"][disabled]').waitFor();
  assert.match((await composer.getAttribute('placeholder')) ?? '', /The clock is moving/);
  await page.locator('[data-testid="composer"]:not([disabled])').waitFor({ timeout: 60_000 });
  assert.match((await page.getByTestId('travel-summary').textContent()) ?? '', /reminder/);
});

/** The tour panel, when it is in this state (a CSS attribute selector on it). */
function panel(state: string) {
  return page.locator(`.tour-panel${state}`);
}

/**
 * Plays act `n` from the panel. The demo runs with steps that stay a minute, so the test moves on
 * with Next once each step has acted; at the last step it checks what a person sees and saves a
 * screenshot for the README, with the step's text and highlight on screen.
 */
async function playAct(n: number, hooks: { atStep?(i: number): Promise<void>; atEnd(): Promise<void> }): Promise<void> {
  await page.locator(`.tour-act[data-act="${n}"]`).click();
  await panel(`[data-tour-status="playing"][data-tour-act="${n}"]`).waitFor();
  const steps = await page.locator('.tour-steps li').count();
  assert.ok(steps > 2);
  for (let i = 0; i < steps; i++) {
    await panel(`[data-tour-step="${i}"][data-tour-running="no"]`).waitFor({ timeout: 90_000 });
    await hooks.atStep?.(i);
    if (i === steps - 1) {
      await hooks.atEnd();
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(ROOT, 'docs', `demo-act-${n + 1}.png`) });
      // The README's first picture: a member's Home tab after act 1.
      if (n === 0) await page.screenshot({ path: join(ROOT, 'docs', 'demo.png') });
    }
    await page.getByTestId('tour-next').click();
  }
  await panel('[data-tour-status="done"]').waitFor();
  assert.ok(await page.getByTestId('act-as').isEnabled());
}

async function actAs(userId: string): Promise<void> {
  await page.getByTestId('act-as').selectOption(userId);
  // The page shows (and acts as) the person chosen once their read arrives.
  await page.locator(`.workspace[data-viewer="${userId}"][aria-busy="false"]`).waitFor();
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
  // Steps stay a minute: the test moves the tour on with Next, as a visitor may.
  const args = [
    'src/demo/main.ts',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--tour-step-ms',
    '60000',
    '--tour-word-ms',
    '0',
  ];
  demo = spawn(tsx, args, {
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
