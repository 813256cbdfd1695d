import type { ModalView } from '@slack/types';
import type { AppDeps } from '../app/deps';
import type { CircleRow } from '../circles/service';
import type { Person } from '../people/service';
import { openModal } from './blocks';
import { assertCanRun, cadenceOf, proposedTimes } from './service';

export interface PollOps {
  /** Checks who may, then opens the facilitator's form with the times the app would propose. */
  openForm(person: Person, circle: CircleRow, open: (view: ModalView) => Promise<void>): Promise<void>;
}

export function pollOps(deps: AppDeps): PollOps {
  const { db, clock, config } = deps;
  return {
    async openForm(person, circle, open) {
      await assertCanRun(db, circle, person, config.organizers);
      await open(openModal(circle, cadenceOf(circle), await proposedTimes(db, circle, clock())));
    },
  };
}
