import { sql } from 'kysely';
import { candidateKey, candidateLabel } from '../availability';
import { escapeMrkdwn } from '../core/text';
import type { PersonalData } from '../privacy/personalData';
import { zoneCity } from '../time/format';
import { ANSWER_LABELS, SECTOR_LABELS, STAGES } from './model';
import { toIntake, toProgram } from './service';
import { findProgram, intakesOfPerson } from './store';

/**
 * Programs: a person's intake answers, all of them (their organization and avoid-list included:
 * they are theirs to see, though no one else ever does). Forgetting deletes their intakes, takes
 * their id out of others' wishes and avoid-lists, and puts the alias in the groups formed and on
 * the programs they created.
 */
export const programsPersonalData: PersonalData = {
  name: 'programs',
  async describe(db, teamId, userId) {
    const e = escapeMrkdwn;
    const person = (id: string) => (/^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : e(id));
    const people = (ids: string[]) => (ids.length ? ids.map(person).join(', ') : 'nobody');
    const lines: string[] = [];
    for (const row of await intakesOfPerson(db, teamId, userId)) {
      const programRow = await findProgram(db, teamId, row.program_id);
      if (!programRow) continue;
      const program = toProgram(programRow);
      const intake = toIntake(row);
      const a = intake.answers;
      if (!a) {
        lines.push(`${e(program.name)}: joined ${row.joined_at.toISOString().slice(0, 10)}, form not finished`);
        continue;
      }
      const times = program.candidates
        .map((c) => `${candidateLabel(c)} ${zoneCity(c.timeZone)}: ${ANSWER_LABELS[a.times[candidateKey(c)] ?? 'no']}`)
        .join(', ');
      const questions = program.questions.map((q) => `${q.text} ${(a.answers[q.id] ?? []).join(', ') || 'no answer'}`).join('; ');
      lines.push(
        `${e(program.name)}: stage: ${e(STAGES[a.stage] ?? String(a.stage))}; sector: ${SECTOR_LABELS[a.sector]}; ` +
          `organization: ${e(a.organization)}; role: ${e(a.role)}; topics: ${e(a.topics)}; goals: ${e(a.goals) || 'none given'}; ` +
          `time zone: ${e(a.timeZone)}; times: ${e(times)}; would like to be with: ${people(a.wishes)}; ` +
          `rather not (seen by no one): ${people(a.avoid)}; volunteers to facilitate: ${a.volunteer ? 'yes' : 'no'}` +
          (questions ? `; ${e(questions)}` : ''),
      );
    }
    return [{ title: 'Program intake answers', markup: true, lines }];
  },
  async forget(trx, teamId, userId, alias) {
    await trx.deleteFrom('program_intakes').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
    await trx
      .updateTable('program_intakes')
      .set({ wishes: sql`array_remove(wishes, ${userId})`, avoid: sql`array_remove(avoid, ${userId})` })
      .where('team_id', '=', teamId)
      // In parentheses: Kysely joins where clauses with AND, which binds tighter than OR.
      .where(sql<boolean>`(${userId} = ANY(wishes) OR ${userId} = ANY(avoid))`)
      .execute();
    await trx
      .updateTable('program_groups')
      .set({ members: sql`array_replace(members, ${userId}, ${alias})` })
      .where('team_id', '=', teamId)
      .where(sql<boolean>`${userId} = ANY(members)`)
      .execute();
    await trx
      .updateTable('programs')
      .set({ created_by: alias })
      .where('team_id', '=', teamId)
      .where('created_by', '=', userId)
      .execute();
  },
};
