import { CircleViews } from '../../src/circles/ids';
import { SettingsBlocks as B } from '../../src/circles/settings/model';
import type { CircleRow } from '../../src/circles/store';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { lastEphemeral, seedCircle, textOf } from '../support/fixtures';
import { everythingSent, FORGERIES } from '../support/hostile';

/**
 * Whatever people type, the bot never pings @channel or @here, never mentions someone it was not
 * meant to, and never draws a link someone else labelled: typed text comes back escaped.
 */
describe('typed mentions and links are echoed escaped, never as pings or links', () => {
  let t: TestApp;
  let circle: CircleRow;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [USERS.owner] });
    circle = await seedCircle(t.db, t.emulator, {
      name: 'Escapes',
      facilitators: [USERS.ben],
      members: [USERS.ana, USERS.chloe],
    });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  });
  afterAll(async () => {
    await t.close();
  });

  it('a circle name typed with <!channel> is quoted back escaped', async () => {
    await t.slack.command(USERS.ana, 'join <!channel> hi', { channelId: CHANNELS.general });
    const reply = lastEphemeral(t.emulator, USERS.ana);
    expect(reply).toContain('I can\'t find a circle called "&lt;!channel&gt; hi"');

    await t.slack.command(USERS.ana, '<!here> dance', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain("I don't know `/circle &lt;!here&gt;`");
  });

  it('a circle named <!channel> hi is refused on the field, and a focus with <!channel> is announced escaped', async () => {
    await t.slack.command(USERS.owner, 'new', { channelId: CHANNELS.general });
    const view = await t.emulator.waitFor(() =>
      t.emulator.openViewsOf(USERS.owner).find((v) => v.view.callback_id === CircleViews.settings),
    );
    const fields = {
      [B.name]: '<!channel> hi',
      [B.focus]: '<!channel> <!here> read <http://evil.example|the handbook> with <@U0BOSS>',
      [B.kind]: 'group',
      [B.channelMode]: 'new_public',
      [B.startDate]: '2026-12-01',
      [B.cycleLength]: '6',
      [B.frequency]: 'weekly',
      [B.weekday]: 'tuesday',
      [B.time]: '09:00',
      [B.videoLink]: 'https://meet.example.com/x|<!channel>',
    };
    const refused = await t.slack.submitView(USERS.owner, view.id, fields);
    const errors = (refused.body as { errors?: Record<string, string> }).errors ?? {};
    expect(errors[B.name]).toContain('cannot contain');
    expect(errors[B.videoLink]).toContain('https://');
    expect(await t.db.selectFrom('circles').select('name').where('name', 'like', '%channel%').execute()).toEqual([]);

    await t.slack.submitView(USERS.owner, view.id, { ...fields, [B.name]: 'Careful Readers', [B.videoLink]: '' });
    const created = await t.db.selectFrom('circles').selectAll().where('name', '=', 'Careful Readers').executeTakeFirstOrThrow();
    expect(created.focus).toBe(fields[B.focus]);
    const announcement = await t.emulator.waitFor(() =>
      t.emulator.messages(created.channel_id!).find((m) => m.text.startsWith('New:')),
    );
    const shown = textOf(announcement.blocks);
    expect(shown).toContain('&lt;!channel&gt; &lt;!here&gt; read &lt;http://evil.example|the handbook&gt; with &lt;@U0BOSS&gt;');
  });

  it('agenda items and prompts with mentions reach the channel escaped', async () => {
    await t.slack.command(USERS.ana, 'prompts Escapes add <!channel> who taught you the most?', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain('“&lt;!channel&gt; who taught you the most?”');
    await t.slack.command(USERS.chloe, 'agenda Escapes add <!here> bring <@U0BOSS> & <#C0SECRET> <http://evil.example|slides>', {
      channelId: CHANNELS.general,
    });
    expect(lastEphemeral(t.emulator, USERS.chloe)).toContain(
      '“&lt;!here&gt; bring &lt;@U0BOSS&gt; &amp; &lt;#C0SECRET&gt; &lt;http://evil.example|slides&gt;”',
    );
    // The warm-up turn is drawn three days ahead; which prompt comes up is chance, so the test
    // makes it the typed one, as a draw from the circle's bank would.
    await t.tick('2026-11-28T14:01:00Z');
    const bank = await t.db.selectFrom('prompts').selectAll().where('circle_id', '=', circle.id).executeTakeFirstOrThrow();
    await t.db.updateTable('sessions').set({ prompt_text: bank.text }).where('circle_id', '=', circle.id).execute();
    await t.tick('2026-11-30T14:01:00Z');
    const agenda = t.emulator.messages(circle.channel_id!).find((m) => m.text.startsWith('Agenda for Escapes'));
    expect(agenda).toBeDefined();
    const shown = textOf(agenda!.blocks);
    expect(shown).toContain('&lt;!channel&gt; who taught you the most?');
    expect(shown).toContain('&lt;!here&gt; bring &lt;@U0BOSS&gt; &amp; &lt;#C0SECRET&gt;');
  });

  it('nothing the bot sent in this file carries a typed broadcast, mention, channel or link', () => {
    const sent = everythingSent(t);
    for (const forged of FORGERIES) expect(sent).not.toContain(forged);
  });
});
