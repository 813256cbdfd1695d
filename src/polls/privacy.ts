import { candidateKey } from '../availability';
import { circleById } from '../circles/service';
import type { PersonalData } from '../privacy/personalData';
import { anchorLabel, ANSWER_LABELS } from './blocks';
import { answersFor, storedCandidates } from './model';
import { aliasPollPeople, answersOfUser, deleteAnswersOfUser } from './store';

/** A person's answers to time polls (erased), and the polls they opened or picked (kept, unsigned). */
export const pollsPersonalData: PersonalData = {
  name: 'time polls',
  async describe(db, teamId, userId) {
    const rows = await answersOfUser(db, teamId, userId);
    const lines: string[] = [];
    for (const row of rows) {
      const circle = await circleById(db, teamId, row.circle_id);
      const candidates = storedCandidates(row.candidates) ?? [];
      const answers = answersFor(row.answers, candidates);
      const said = candidates
        .filter((c) => answers[candidateKey(c)])
        .map((c) => `${anchorLabel(c)}: ${ANSWER_LABELS[answers[candidateKey(c)]!]}`);
      lines.push(`${circle?.name ?? 'A circle'}: ${said.join('; ')}${row.note ? ` (note: ${row.note})` : ''}`);
    }
    return [{ title: 'Your answers to time polls', lines }];
  },
  async forget(trx, teamId, userId, alias) {
    await deleteAnswersOfUser(trx, teamId, userId);
    await aliasPollPeople(trx, teamId, userId, alias);
  },
};
