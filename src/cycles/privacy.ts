import type { PersonalData } from '../privacy/personalData';
import { CHOICE_LABELS } from './model';
import { aliasStays, anonymizeEvaluations, evaluationsOfUser, staysOfUser } from './store';

/** Evaluations keep their ratings and choice, without the person's id or words; the stay question keeps its answer. */
export const cyclesPersonalData: PersonalData = {
  name: 'cycles',
  async describe(db, teamId, userId) {
    const evaluations = await evaluationsOfUser(db, teamId, userId);
    const stays = await staysOfUser(db, teamId, userId);
    return [
      {
        title: 'Evaluations',
        lines: evaluations.map(
          (e) =>
            `Value ${e.value_rating}/5, commitments kept ${e.kept_own}/5 (you) and ${e.kept_others}/5 (others), recommend: ${e.recommend ? 'yes' : 'no'}, next: ${CHOICE_LABELS[e.choice]}${e.most_useful ? `; most useful: ${e.most_useful}` : ''}${e.to_improve ? `; to improve: ${e.to_improve}` : ''}`,
        ),
      },
      { title: 'Asked whether you stay', lines: stays.map((s) => `Answer: ${s.answer ?? 'none yet'}`) },
    ];
  },
  async forget(trx, teamId, userId, alias) {
    await anonymizeEvaluations(trx, teamId, userId);
    await aliasStays(trx, teamId, userId, alias);
  },
};
