import type { ModalView } from '@slack/types';
import type { AppDeps } from '../app/deps';
import { knownPeople } from '../people/service';
import type { Actor } from '../slack/context';
import { MAX_LISTED_PEOPLE } from './intakeForm';
import { intakeModal } from './intakeModal';
import { intakeTarget, joinProgram } from './service';

/**
 * Joins the person to the program (a second join changes nothing) and opens their intake, with
 * their answers so far, the times in their zone (Slack's, until they give one) and the others who
 * joined to pick from. After the ack: it may ask Slack who the person is.
 */
export async function openIntake(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  programId: number,
  open: (view: ModalView) => Promise<void>,
): Promise<void> {
  const { db, clock } = deps;
  await joinProgram(db, actor.teamId, programId, actor.userId, clock());
  const target = await intakeTarget(db, actor.teamId, programId, actor.userId);
  const person = await actor.person();
  const listed = target.others.length <= MAX_LISTED_PEOPLE;
  const names = listed ? await knownPeople(db, actor.teamId, target.others) : new Map();
  const others = listed
    ? target.others.map((id) => ({ id, name: names.get(id)?.name || id })).sort((a, b) => a.name.localeCompare(b.name))
    : null;
  await open(
    intakeModal({
      program: target.program,
      answers: target.intake.answers,
      slackZone: person.timeZone ?? target.program.timeZone,
      others,
    }),
  );
}
