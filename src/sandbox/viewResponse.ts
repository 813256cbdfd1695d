import { describeIssues, validateView } from './blockKit';
import type { EmulatorState } from './state';
import { isObject, type StoredView } from './types';
import { inputSlots } from './viewState';

/** Thrown when the app acked something Slack itself would reject; the test should fail on it. */
export class SlackWouldRejectError extends Error {
  override name = 'SlackWouldRejectError';
}

/**
 * Applies a view_submission ack to the user's modal stack the way Slack does:
 * empty => this view closes; errors => stays open; update/push/clear => as named.
 */
export function applyViewSubmissionAck(state: EmulatorState, stored: StoredView, ack: unknown): void {
  if (ack === '' || ack === undefined || ack === null) {
    state.views.close(stored.userId, stored.id);
    return;
  }
  if (!isObject(ack))
    throw new SlackWouldRejectError(`view_submission ack must be empty or JSON; got ${JSON.stringify(ack).slice(0, 200)}`);
  const action = ack.response_action;
  if (action === undefined) {
    state.views.close(stored.userId, stored.id);
    return;
  }
  switch (action) {
    case 'errors': {
      if (!isObject(ack.errors) || Object.keys(ack.errors).length === 0)
        throw new SlackWouldRejectError('response_action "errors" needs a non-empty errors object');
      const inputIds = inputSlots(stored.view).map((s) => s.blockId);
      const unknown = Object.keys(ack.errors).filter((id) => !inputIds.includes(id));
      if (unknown.length > 0) {
        throw new SlackWouldRejectError(
          `response_action "errors" names block_ids that are not input blocks of the view: ${unknown.join(', ')} (inputs: ${inputIds.join(', ')})`,
        );
      }
      return;
    }
    case 'update':
      state.views.update(stored, checkedView(ack.view, 'update'));
      return;
    case 'push': {
      const pushed = state.views.push(stored.userId, checkedView(ack.view, 'push'));
      if (typeof pushed === 'string') throw new SlackWouldRejectError(`response_action "push" failed: ${pushed}`);
      return;
    }
    case 'clear':
      state.views.clear(stored.userId);
      return;
    default:
      throw new SlackWouldRejectError(`unknown response_action ${JSON.stringify(action)}`);
  }
}

function checkedView(view: unknown, action: string): Record<string, unknown> {
  const messages = describeIssues(validateView(view, 'modal'));
  if (messages.length > 0 || !isObject(view)) {
    throw new SlackWouldRejectError(`response_action "${action}" carries an invalid view:\n${messages.join('\n')}`);
  }
  return view;
}
