import { AppError, ErrorCode } from '../../core/errors';
import { echo, escapeMrkdwn } from '../../core/text';
import { FIELD_LABELS, type Program, SECTOR_LABELS, SECTORS, STAGES } from '../model';
import { formationInput, listPrograms, programByName, recordFormed } from '../service';
import type { FieldWords, FormProgram, ProgramsPort } from './ports';

/** The programs feature as forming reads it: a program, its formation input, and recording Confirm. */

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function toFormProgram(p: Program, candidates: Array<{ id: string; time: Program['candidates'][number] }>): FormProgram {
  return {
    id: p.id,
    teamId: p.teamId,
    name: p.name,
    purpose: p.purpose,
    kind: p.kind,
    times: candidates.map((c) => ({ id: c.id, candidate: c.time })),
    every: p.rhythm === 'fortnightly' ? 2 : 1,
    cycle: { startDate: null, lengthMonths: p.cycleMonths },
    minSize: p.minSize,
    maxSize: p.maxSize,
    formedAt: p.status === 'formed' ? new Date(0) : null,
  };
}

/** How each matching field reads in a circle's reasons. */
function fieldWords(p: Program): FieldWords[] {
  const sector = (v: string | number) =>
    (SECTORS as readonly string[]).includes(String(v)) ? lowerFirst(SECTOR_LABELS[v as (typeof SECTORS)[number]]) : String(v);
  return [
    { key: 'stage', label: lowerFirst(FIELD_LABELS.stage), value: (v) => lowerFirst(STAGES[Number(v)] ?? String(v)) },
    { key: 'sector', label: lowerFirst(FIELD_LABELS.sector), bare: true, value: sector },
    { key: 'role', label: lowerFirst(FIELD_LABELS.role), value: (v) => String(v) },
    { key: 'topics', label: 'topics', value: (v) => String(v) },
    ...p.questions.map((q) => ({ key: q.id, label: q.text, value: (v: string | number) => String(v) })),
  ];
}

export function programsPort(): ProgramsPort {
  return {
    async findProgram(db, teamId, name) {
      if (name !== null) {
        const found = await programByName(db, teamId, name);
        if (!found)
          throw new AppError(ErrorCode.NotFound, `There is no program called "${echo(name)}". \`/circle program\` lists them.`);
        return toFormProgram(found, (await formationInput(db, teamId, found.id)).candidates);
      }
      const open = (await listPrograms(db, teamId)).filter((p) => p.kind === 'circles' && p.status !== 'formed');
      const [only] = open;
      if (!only)
        throw new AppError(ErrorCode.NotFound, 'There is no program waiting to be formed. Name one: `/circle form PROGRAM`.');
      if (open.length > 1) {
        const names = open.map((p) => `*${escapeMrkdwn(p.name)}*`).join(', ');
        throw new AppError(ErrorCode.Invalid, `Which program? ${names} are waiting to be formed: \`/circle form PROGRAM\`.`);
      }
      return toFormProgram(only, (await formationInput(db, teamId, only.id)).candidates);
    },
    async formationSource(db, teamId, programId) {
      const input = await formationInput(db, teamId, programId);
      return {
        program: toFormProgram(input.program, input.candidates),
        instance: input.instance,
        fields: fieldWords(input.program),
        unfinished: input.unfinished,
      };
    },
    async markFormed(trx, teamId, programId, groups, now) {
      await recordFormed(trx, teamId, programId, groups, now);
    },
  };
}
