import { z } from 'zod';
import { AppError } from '../../../src/core/errors';
import {
  BUTTON_OUT_OF_DATE,
  buttonId,
  buttonValue,
  FORM_OUT_OF_DATE,
  formMetadata,
  idFrom,
  jsonOf,
} from '../../../src/slack/values';

const ref = z.object({ circleId: z.number().int().positive() });
const button = (value?: unknown) => ({ type: 'button', action_id: 'a', ...(value === undefined ? {} : { value }) });

describe('what buttons and modals carry', () => {
  it('reads a row id as plain digits only: a forged boolean, exponent or padded number names no row', () => {
    expect(idFrom('12')).toBe(12);
    for (const bad of [true, 1, '1e1', ' 7', '0', '-3', '1.5', '0x1f', '', 'abc', undefined, null, '99999999999999999999']) {
      expect(idFrom(bad)).toBeNull();
    }
  });

  it('reads JSON with its schema, and nothing else', () => {
    expect(jsonOf(ref, '{"circleId":3}')).toEqual({ circleId: 3 });
    for (const bad of ['{"circleId":"3"}', '{"circleId":0}', '3', 'null', '{', '', undefined, 3, { circleId: 3 }]) {
      expect(jsonOf(ref, bad)).toBeNull();
    }
  });

  it('refuses an unreadable button with the one out-of-date answer', () => {
    expect(buttonId(button('7'))).toBe(7);
    expect(buttonValue(button('{"circleId":7}'), ref)).toEqual({ circleId: 7 });
    for (const bad of [button(), button('x'), button('{"circleId":-1}'), { type: 'static_select', action_id: 'a' }]) {
      // A refusal the person reads (AppError), not an internal failure.
      expect(() => buttonId(bad)).toThrow(AppError);
      expect(() => buttonId(bad)).toThrow(BUTTON_OUT_OF_DATE);
      expect(() => buttonValue(bad, ref)).toThrow(BUTTON_OUT_OF_DATE);
    }
  });

  it('refuses a modal whose metadata it cannot read with the form’s out-of-date answer', () => {
    expect(formMetadata({ private_metadata: '{"circleId":2}' }, ref)).toEqual({ circleId: 2 });
    for (const view of [{}, { private_metadata: '' }, { private_metadata: '{"circleId":"2"}' }]) {
      expect(() => formMetadata(view, ref)).toThrow(FORM_OUT_OF_DATE);
    }
  });
});
