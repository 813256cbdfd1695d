import { describeIssues, validateBlocks, validateView } from '../../src/sandbox';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'section', text: mrkdwn(text), ...extra });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: actionId,
  text: plain('Go'),
  ...extra,
});
const option = (value: string, text = value) => ({ text: plain(text), value });
const x = (n: number) => 'x'.repeat(n);

function problems(blocks: unknown[], surface: 'message' | 'modal' | 'home' = 'message'): string[] {
  return describeIssues(validateBlocks(blocks, surface));
}

describe('validateBlocks', () => {
  it('accepts a typical message', () => {
    expect(
      problems([
        { type: 'header', text: plain('Your circle') },
        section('*Hello*', { accessory: button('open') }),
        { type: 'divider' },
        { type: 'context', elements: [mrkdwn('small print')] },
        { type: 'actions', elements: [button('yes', { style: 'primary', value: 'y' }), button('no')] },
      ]),
    ).toEqual([]);
  });

  it('caps messages at 50 blocks and views at 100', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => section(`b${i}`));
    expect(problems(many(50))).toEqual([]);
    expect(problems(many(51))).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
    expect(problems(many(100), 'modal')).toEqual([]);
    expect(problems(many(101), 'home')).toHaveLength(1);
  });

  it('enforces section text and field limits', () => {
    expect(problems([section(x(3000))])).toEqual([]);
    expect(problems([section(x(3001))])).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    const fields = (n: number, len = 5) => Array.from({ length: n }, () => mrkdwn(x(len)));
    expect(problems([{ type: 'section', fields: fields(10, 2000) }])).toEqual([]);
    expect(problems([{ type: 'section', fields: fields(11) }])).toEqual([
      'no more than 10 items allowed [json-pointer:/blocks/0/fields]',
    ]);
    expect(problems([{ type: 'section', fields: fields(1, 2001) }])).toEqual([
      'must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]',
    ]);
    expect(problems([{ type: 'section' }])).toEqual(['must provide text or fields [json-pointer:/blocks/0]']);
  });

  it('enforces header, context and actions limits', () => {
    expect(problems([{ type: 'header', text: plain(x(151)) }])).toHaveLength(1);
    expect(problems([{ type: 'header', text: mrkdwn('no') }])).toEqual([
      'must be one of plain_text [json-pointer:/blocks/0/text/type]',
    ]);
    expect(problems([{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('a')) }])).toHaveLength(1);
    const buttons = (n: number) => Array.from({ length: n }, (_, i) => button(`b${i}`));
    expect(problems([{ type: 'actions', elements: buttons(25) }])).toEqual([]);
    expect(problems([{ type: 'actions', elements: buttons(26) }])).toEqual([
      'no more than 25 items allowed [json-pointer:/blocks/0/elements]',
    ]);
  });

  it('enforces button text, value, url and id limits', () => {
    const one = (b: unknown) => problems([{ type: 'actions', elements: [b] }]);
    expect(one(button('a', { text: plain(x(75)), value: x(2000), url: `https://e.test/${x(2980)}` }))).toEqual([]);
    expect(one(button('a', { text: plain(x(76)) }))).toEqual([
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
    expect(one(button('a', { value: x(2001) }))).toHaveLength(1);
    expect(one(button('a', { url: x(3001) }))).toHaveLength(1);
    expect(one(button(x(256)))).toEqual(['must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]']);
    expect(one(button('a', { text: mrkdwn('*bold*') }))).toHaveLength(1);
    expect(one(button('a', { text: plain('') }))).toEqual([
      'must be more than 0 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
    expect(one(button('a', { actionId: 'typo' }))).toEqual([
      'invalid additional property: actionId [json-pointer:/blocks/0/elements/0/actionId]',
    ]);
  });

  it('rejects duplicate or overlong block_ids and duplicate action_ids in a block', () => {
    expect(problems([section('a', { block_id: 'same' }), section('b', { block_id: 'same' })])).toEqual([
      'duplicate block_id: same [json-pointer:/blocks/1/block_id]',
    ]);
    expect(problems([section('a', { block_id: x(256) })])).toHaveLength(1);
    expect(problems([{ type: 'actions', elements: [button('dup'), button('dup')] }])).toEqual([
      'duplicate action_id: dup [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
  });

  it('rejects unknown blocks, bad text objects and misplaced elements', () => {
    expect(problems([{ type: 'carousel' }])).toEqual(['unknown block type: carousel [json-pointer:/blocks/0/type]']);
    expect(problems([{ type: 'section', text: 'plain string' }])).toEqual([
      'must provide an object [json-pointer:/blocks/0/text]',
    ]);
    expect(problems([{ type: 'section', text: { type: 'mrkdwn', text: 'a', emoji: true } }])).toHaveLength(1);
    expect(problems([{ type: 'actions', elements: [{ type: 'plain_text_input', action_id: 'a' }] }])).toEqual([
      'plain_text_input is not allowed in an actions block [json-pointer:/blocks/0/elements/0/type]',
    ]);
    expect(problems(['not a block'])).toEqual(['must provide an object [json-pointer:/blocks/0]']);
  });

  it('enforces option limits', () => {
    const select = (options: unknown[], extra: Record<string, unknown> = {}) => [
      { type: 'actions', elements: [{ type: 'static_select', action_id: 's', placeholder: plain('Pick'), options, ...extra }] },
    ];
    const opts = (n: number) => Array.from({ length: n }, (_, i) => option(`v${i}`));
    expect(problems(select(opts(100)))).toEqual([]);
    expect(problems(select(opts(101)))).toHaveLength(1);
    expect(problems(select([option('v', x(76))]))).toEqual([
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]',
    ]);
    expect(problems(select([option(x(151), 'ok')]))).toEqual([
      'must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]',
    ]);
    expect(problems(select(opts(2), { initial_option: option('nope') }))).toEqual([
      'must match one of the provided options [json-pointer:/blocks/0/elements/0/initial_option]',
    ]);
    const overflow = [{ type: 'actions', elements: [{ type: 'overflow', action_id: 'o', options: opts(6) }] }];
    expect(problems(overflow)).toEqual(['no more than 5 items allowed [json-pointer:/blocks/0/elements/0/options]']);
  });

  it('enforces input block limits', () => {
    const input = (element: Record<string, unknown>, label = 'Name') => [
      { type: 'input', block_id: 'in', label: plain(label), element },
    ];
    expect(problems(input({ type: 'plain_text_input', action_id: 'v', max_length: 3000 }), 'modal')).toEqual([]);
    expect(problems(input({ type: 'plain_text_input', action_id: 'v', max_length: 3001 }), 'modal')).toEqual([
      'must be between 1 and 3000 [json-pointer:/blocks/0/element/max_length]',
    ]);
    expect(problems(input({ type: 'plain_text_input', action_id: 'v' }, x(2001)), 'modal')).toHaveLength(1);
    expect(problems(input({ type: 'button', action_id: 'v', text: plain('x') }), 'modal')).toHaveLength(1);
    expect(problems([{ type: 'input', label: plain('x') }], 'modal')).toEqual([
      'missing required field: element [json-pointer:/blocks/0/element]',
    ]);
  });
});

describe('validateView', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({
    type: 'modal',
    title: plain('Join a circle'),
    blocks: [section('hi')],
    ...extra,
  });
  const inputBlock = {
    type: 'input',
    block_id: 'goal',
    label: plain('Goal'),
    element: { type: 'plain_text_input', action_id: 'v' },
  };

  it('accepts a valid modal and home tab', () => {
    expect(validateView(modal())).toEqual([]);
    expect(validateView({ type: 'home', blocks: [section('home')] }, 'home')).toEqual([]);
  });

  it('enforces title/submit/close lengths', () => {
    expect(describeIssues(validateView(modal({ title: plain(x(25)) })))).toEqual([
      'must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
    expect(validateView(modal({ submit: plain(x(25)) }))).toHaveLength(1);
    expect(validateView(modal({ close: plain(x(25)) }))).toHaveLength(1);
    expect(describeIssues(validateView({ type: 'modal', blocks: [] }))).toEqual([
      'missing required field: title [json-pointer:/view/title]',
    ]);
  });

  it('requires a submit button when there are inputs', () => {
    expect(describeIssues(validateView(modal({ blocks: [inputBlock] })))).toEqual([
      'must provide a submit button when the view has input blocks [json-pointer:/view/submit]',
    ]);
    expect(validateView(modal({ blocks: [inputBlock], submit: plain('Save') }))).toEqual([]);
  });

  it('checks the expected type and view-level block limit', () => {
    expect(describeIssues(validateView({ type: 'home', blocks: [] }, 'modal'))).toEqual([
      'must be one of modal [json-pointer:/view/type]',
    ]);
    expect(validateView(modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }))).toHaveLength(1);
    expect(validateView(modal({ private_metadata: x(3001) }))).toHaveLength(1);
  });
});
