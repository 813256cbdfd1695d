import type { ModalView } from '@slack/web-api';
import { type SlackEmulator, startSlackEmulator, USERS } from '../../src/sandbox';
import { clientFor, section, slackError } from './helpers';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const modal = (title = 'Join a circle'): ModalView => ({ type: 'modal', title: plain(title), blocks: [section('Pick a topic')] });

describe('views.* with an injectable clock', () => {
  let emu: SlackEmulator;
  let clock = 1_732_350_000_000;
  beforeAll(async () => {
    emu = await startSlackEmulator({ now: () => clock });
  });
  afterAll(() => emu.close());

  it('opens a modal with a fresh trigger and returns Slack-shaped view', async () => {
    const trigger = emu.issueTriggerId(USERS.ana);
    const res = await clientFor(emu).views.open({ trigger_id: trigger, view: modal() });
    expect(res.view).toMatchObject({
      type: 'modal',
      team_id: emu.teamId,
      app_id: emu.appId,
      bot_id: emu.botId,
      previous_view_id: null,
      state: { values: {} },
      private_metadata: '',
    });
    const id = res.view?.id ?? '';
    expect(id).toMatch(/^V[A-Z0-9]+$/);
    expect(res.view?.root_view_id).toBe(id);
    expect(emu.openViewsOf(USERS.ana).map((v) => v.id)).toEqual([id]);
    expect(emu.view(id)?.hash).toBe(res.view?.hash);
  });

  it('refuses a trigger older than 3 s', async () => {
    const trigger = emu.issueTriggerId(USERS.ana);
    clock += 3001;
    expect((await slackError(clientFor(emu).views.open({ trigger_id: trigger, view: modal() }))).code).toBe('expired_trigger_id');
  });

  it('refuses a reused trigger and an unknown one', async () => {
    const trigger = emu.issueTriggerId(USERS.ana);
    await clientFor(emu).views.open({ trigger_id: trigger, view: modal() });
    expect((await slackError(clientFor(emu).views.open({ trigger_id: trigger, view: modal() }))).code).toBe(
      'exchanged_trigger_id',
    );
    expect((await slackError(clientFor(emu).views.open({ trigger_id: '123.456.abc', view: modal() }))).code).toBe(
      'invalid_trigger_id',
    );
  });

  it('validates the view with invalid_arguments and Slack-style messages', async () => {
    const err = await slackError(
      clientFor(emu).views.open({ trigger_id: emu.issueTriggerId(USERS.ana), view: modal('A title that is far too long') }),
    );
    expect(err.code).toBe('invalid_arguments');
    expect(err.data.response_metadata).toMatchObject({
      messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
    });
  });

  it('pushes up to three modals', async () => {
    const client = clientFor(emu);
    const root = await client.views.open({ trigger_id: emu.issueTriggerId(USERS.ben), view: modal('Root') });
    const second = await client.views.push({ trigger_id: emu.issueTriggerId(USERS.ben), view: modal('Second') });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await client.views.push({ trigger_id: emu.issueTriggerId(USERS.ben), view: modal('Third') });
    expect((await slackError(client.views.push({ trigger_id: emu.issueTriggerId(USERS.ben), view: modal('Fourth') }))).code).toBe(
      'push_limit_reached',
    );
    expect(emu.openViewsOf(USERS.ben)).toHaveLength(3);
  });

  it('updates by id or external_id, honouring hash', async () => {
    const client = clientFor(emu);
    const opened = await client.views.open({
      trigger_id: emu.issueTriggerId(USERS.chloe),
      view: { ...modal(), external_id: 'chloe-join' },
    });
    const id = opened.view?.id ?? '';
    const updated = await client.views.update({ view_id: id, hash: opened.view?.hash, view: modal('Updated') });
    expect(updated.view?.id).toBe(id);
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect((await slackError(client.views.update({ view_id: id, hash: opened.view?.hash, view: modal() }))).code).toBe(
      'hash_conflict',
    );
    await client.views.update({ external_id: 'chloe-join', view: modal('By external id') });
    expect(emu.view(id)?.view.title).toEqual(plain('By external id'));
    expect((await slackError(client.views.update({ view_id: 'V0NOPE0000', view: modal() }))).code).toBe('not_found');
  });

  it('publishes home tabs', async () => {
    const client = clientFor(emu);
    const home = { type: 'home' as const, blocks: [section('Your circles')] };
    const first = await client.views.publish({ user_id: USERS.dev, view: home });
    const second = await client.views.publish({ user_id: USERS.dev, view: { ...home, blocks: [section('Updated')] } });
    expect(second.view?.id).toBe(first.view?.id);
    expect(emu.homeOf(USERS.dev)).toMatchObject({
      type: 'home',
      blocks: [expect.objectContaining({ text: { type: 'mrkdwn', text: 'Updated' } })],
    });
    expect((await slackError(client.views.publish({ user_id: USERS.dev, view: modal() }))).code).toBe('invalid_arguments');
  });
});
