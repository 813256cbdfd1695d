import { blocksVM, carryFormValues, initialFormValues, messageVM, missingRequired } from '../../../web/demo/model/blocks';
import { linesText, type RichContext } from '../../../web/demo/model/mrkdwn';

const ctx: RichContext = {
  timeZone: 'America/Los_Angeles',
  now: Date.UTC(2026, 11, 1, 12, 0),
  userName: () => 'Ana Souza',
  channelName: () => 'general',
};

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const option = (value: string, text = value) => ({ text: plain(text), value });

describe('Block Kit to what the page shows', () => {
  it('reads message blocks: section with fields and accessory, header, divider, context, actions, image', () => {
    const vm = blocksVM(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Hi :wave:', emoji: true } },
        {
          type: 'section',
          block_id: 's1',
          text: mrkdwn('*Next:* <!date^1796749200^{time}|x>'),
          fields: [mrkdwn('*Kind*\nGroup')],
          accessory: { type: 'overflow', action_id: 'more', options: [option('skip', 'Skip')] },
        },
        { type: 'divider' },
        {
          type: 'context',
          elements: [mrkdwn('small print'), { type: 'image', image_url: 'https://x.test/i.png', alt_text: 'logo' }],
        },
        {
          type: 'actions',
          block_id: 'a1',
          elements: [
            { type: 'button', action_id: 'join', text: plain('Join'), style: 'primary', value: '7' },
            {
              type: 'static_select',
              action_id: 'pick',
              placeholder: plain('Pick'),
              options: [option('a'), option('b')],
              initial_option: option('b'),
            },
          ],
        },
        { type: 'image', image_url: 'https://x.test/big.png', alt_text: 'chart', title: plain('Attendance') },
        { type: 'rich_text', elements: [] },
      ],
      ctx,
    );
    expect(vm.map((b) => b.type)).toEqual(['header', 'section', 'divider', 'context', 'actions', 'image', 'unsupported']);
    expect(vm[0]).toEqual({ type: 'header', text: 'Hi 👋' });
    const section = vm[1];
    if (section?.type !== 'section') throw new Error('section expected');
    expect(linesText(section.text ?? [])).toBe('Next: 9:00 AM');
    expect(section.fields.map(linesText)).toEqual(['Kind\nGroup']);
    expect(section.accessory).toMatchObject({ type: 'overflow', actionId: 'more', options: [{ value: 'skip', label: 'Skip' }] });
    expect(vm[4]).toMatchObject({
      type: 'actions',
      blockId: 'a1',
      elements: [
        { type: 'button', actionId: 'join', text: 'Join', style: 'primary', value: '7' },
        { type: 'static_select', actionId: 'pick', initial: 'b', options: [{ value: 'a' }, { value: 'b' }] },
      ],
    });
    expect(vm[5]).toEqual({ type: 'image', url: 'https://x.test/big.png', alt: 'chart', title: 'Attendance' });
  });

  it('gives a link button only a URL a link may have', () => {
    const button = (url: string) => ({ type: 'button', action_id: 'go', text: plain('Open'), url });
    const [actions] = blocksVM(
      [
        {
          type: 'actions',
          elements: [button('javascript:alert(1)'), button(' JAVASCRIPT:alert(1)'), button('https://x.test/doc')],
        },
      ],
      ctx,
    );
    if (actions?.type !== 'actions') throw new Error('actions expected');
    expect(actions.elements.map((e) => ('url' in e ? e.url : undefined))).toEqual([undefined, undefined, 'https://x.test/doc']);
  });

  it('shows a message without blocks as its mrkdwn text', () => {
    const [only] = messageVM({ text: 'You are *in*', blocks: [] }, ctx);
    expect(only?.type === 'section' && linesText(only.text ?? [])).toBe('You are in');
  });

  describe('modal inputs', () => {
    const blocks = blocksVM(
      [
        {
          type: 'input',
          block_id: 'name',
          label: plain('Name'),
          element: { type: 'plain_text_input', action_id: 'name', initial_value: 'Circle' },
        },
        {
          type: 'input',
          block_id: 'focus',
          label: plain('Focus'),
          hint: plain('A sentence'),
          element: { type: 'plain_text_input', action_id: 'focus', multiline: true, max_length: 500 },
        },
        {
          type: 'input',
          block_id: 'cap',
          label: plain('Cap'),
          element: { type: 'number_input', action_id: 'cap', is_decimal_allowed: false, min_value: '2', initial_value: '8' },
        },
        {
          type: 'input',
          block_id: 'kind',
          label: plain('Kind'),
          element: {
            type: 'radio_buttons',
            action_id: 'kind',
            options: [option('group'), option('pairs')],
            initial_option: option('group'),
          },
        },
        {
          type: 'input',
          block_id: 'leads',
          optional: true,
          label: plain('Leads'),
          element: {
            type: 'checkboxes',
            action_id: 'leads',
            options: [option('60'), option('10080')],
            initial_options: [option('60')],
          },
        },
        {
          type: 'input',
          block_id: 'tags',
          optional: true,
          label: plain('Tags'),
          element: { type: 'multi_static_select', action_id: 'tags', options: [option('x')] },
        },
        {
          type: 'input',
          block_id: 'who',
          label: plain('Who'),
          element: { type: 'multi_users_select', action_id: 'who', initial_users: ['U1'] },
        },
        {
          type: 'input',
          block_id: 'lead',
          optional: true,
          label: plain('Lead'),
          element: { type: 'users_select', action_id: 'lead' },
        },
        {
          type: 'input',
          block_id: 'chan',
          optional: true,
          label: plain('Channel'),
          element: { type: 'conversations_select', action_id: 'chan', initial_conversation: 'C1' },
        },
        {
          type: 'input',
          block_id: 'ch2',
          optional: true,
          label: plain('Channel'),
          element: { type: 'channels_select', action_id: 'ch2' },
        },
        {
          type: 'input',
          block_id: 'day',
          label: plain('Day'),
          element: { type: 'datepicker', action_id: 'day', initial_date: '2026-12-08' },
        },
        {
          type: 'input',
          block_id: 'time',
          label: plain('Time'),
          dispatch_action: true,
          element: { type: 'timepicker', action_id: 'time' },
        },
        {
          type: 'input',
          block_id: 'sel',
          label: plain('Select'),
          element: { type: 'static_select', action_id: 'sel', options: [option('a')] },
        },
      ],
      ctx,
    );

    it('reads every input element with its label, hint, optional flag and dispatch', () => {
      expect(blocks.map((b) => (b.type === 'input' ? b.element.type : b.type))).toEqual([
        'plain_text_input',
        'plain_text_input',
        'number_input',
        'radio_buttons',
        'checkboxes',
        'multi_static_select',
        'multi_users_select',
        'users_select',
        'conversations_select',
        'channels_select',
        'datepicker',
        'timepicker',
        'static_select',
      ]);
      expect(blocks[1]).toMatchObject({
        label: 'Focus',
        hint: 'A sentence',
        optional: false,
        element: { multiline: true, maxLength: 500 },
      });
      expect(blocks[11]).toMatchObject({ dispatchAction: true });
    });

    it('starts from the initial values, shaped for the driver', () => {
      expect(initialFormValues(blocks)).toEqual({
        name: 'Circle',
        focus: null,
        cap: '8',
        kind: 'group',
        leads: ['60'],
        tags: [],
        who: ['U1'],
        lead: null,
        chan: 'C1',
        ch2: null,
        day: '2026-12-08',
        time: null,
        sel: null,
      });
    });

    it('names the required inputs left empty', () => {
      const values = { ...initialFormValues(blocks), who: [] };
      expect(missingRequired(blocks, values)).toEqual(['focus', 'who', 'time', 'sel']);
    });

    it('keeps what was typed when the view is updated, and takes new inputs’ initial values', () => {
      const updated = blocksVM(
        [
          {
            type: 'input',
            block_id: 'name',
            label: plain('Name'),
            element: { type: 'plain_text_input', action_id: 'name', initial_value: 'Reset' },
          },
          {
            type: 'input',
            block_id: 'extra',
            label: plain('Extra'),
            element: { type: 'plain_text_input', action_id: 'extra', initial_value: 'new' },
          },
        ],
        ctx,
      );
      expect(carryFormValues({ name: 'Typed', focus: 'gone' }, updated)).toEqual({ name: 'Typed', extra: 'new' });
    });
  });
});
