import type { Transaction } from 'kysely';
import type { CirclePorts } from '../../circles/ports';
import { NAME_MAX } from '../../circles/model';
import { DEFAULT_PROGRAM } from '../../circles/settings/program';
import { DEFAULT_RHYTHM } from '../../circles/settings/rhythm';
import { createFormedCircle } from '../../circles/settings/service';
import type { CircleRow } from '../../circles/service';
import { AppError, ErrorCode } from '../../core/errors';
import { rememberIds } from '../../people/service';
import { escapeMrkdwn } from '../../core/text';
import type { Db } from '../../db/database';
import type { Database } from '../../db/types';
import type { Outbox } from '../../scheduler/outbox';
import type { Arrangement, Circle, Edit, EditPreview, Instance } from '../formation/types';
import type { FormKinds } from './deliveries';
import {
  cadenceFor,
  circleName,
  cycleDates,
  type DraftRef,
  facilitatorOf,
  firstMeeting,
  type Preview,
  wishesMet,
  wishPairs,
} from './model';
import type { FormationSource, FormProgram, ProgramsPort, ProgramTime } from './ports';
import { applyEdit, arrangementKey, describeCircle, form, hardRuleBreaks, previewEdit } from './solver';
import { findDraft, type FormDraftRow, lockDraft, markConfirmed, saveDraft } from './store';
import { reasonWords, timeLabel } from './words';

/** Forming a program's circles: the preview, the organizer's edits, Shuffle, Lock and Confirm. */

export interface FormEffects {
  outbox: Outbox;
  kinds: FormKinds;
  programs: ProgramsPort;
  ports: Pick<CirclePorts, 'settingsSaved'>;
}

/** Keys of arrangements shown that a draft remembers: enough for any organizer's patience. */
export const SHOWN_CAP = 200;

const STALE = 'This preview is out of date: it changed since. Run `/circle form` again to see the latest.';
const CHANGED =
  'Who is taking part has changed since this preview (an intake was finished or withdrawn). Run `/circle form` again.';
const formedRefusal = (p: { name: string }) =>
  `*${escapeMrkdwn(p.name)}* is already formed: its circles exist and everyone has been told.`;

/** A stable seed per program, so the first preview is the same arrangement each time it is asked for. */
export function seedOf(teamId: string, programId: number): number {
  let h = 2166136261;
  for (const ch of `${teamId}:${programId}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 2147483647;
}

const arrangementOf = (d: FormDraftRow) => d.arrangement as Arrangement;
const lockedOf = (d: FormDraftRow) => d.locked as Circle[];
const sameCircle = (a: Pick<Circle, 'members' | 'time'>, b: Pick<Circle, 'members' | 'time'>) =>
  a.time === b.time && a.members.length === b.members.length && a.members.every((m) => b.members.includes(m));

function sameParticipants(draft: FormDraftRow, instance: Instance): boolean {
  const ids = new Set(instance.people.map((p) => p.id));
  return ids.size === draft.participants.length && draft.participants.every((id) => ids.has(id));
}

function timesOf(program: FormProgram): Map<string, ProgramTime> {
  return new Map(program.times.map((t) => [t.id, t]));
}

/** The draft and source as facts the blocks put in words. */
export function previewOf(source: FormationSource, draft: FormDraftRow, now: Date): Preview {
  const { program, instance } = source;
  const arrangement = arrangementOf(draft);
  const locked = lockedOf(draft);
  const times = timesOf(program);
  const people = new Map(instance.people.map((p) => [p.id, p]));
  const volunteers = new Set(instance.people.filter((p) => p.volunteer).map((p) => p.id));
  const circles = arrangement.circles.map((c, index) => {
    const time = times.get(c.time);
    if (!time) throw new AppError(ErrorCode.Conflict, `The program's meeting times changed since this preview. ${STALE}`);
    const facts = describeCircle(instance, c);
    return {
      index,
      members: c.members,
      facilitator: facilitatorOf(c.members, volunteers),
      time,
      first: firstMeeting(program, time, now),
      score: c.score,
      facts,
      wishes: wishesMet(facts.wishesMet, (id) => people.get(id)?.wishes ?? []),
      locked: locked.some((l) => sameCircle(l, c)),
    };
  });
  return {
    program: { id: program.id, name: program.name },
    version: draft.version,
    circles,
    unplaced: arrangement.unplaced,
    unfinished: source.unfinished,
    score: arrangement.score,
    people: instance.people.length,
    wishPairs: wishPairs(instance.people),
    fields: source.fields,
  };
}

function assertFormable(program: FormProgram): void {
  if (program.formedAt) throw new AppError(ErrorCode.Conflict, formedRefusal(program));
  if (program.kind !== 'circles') {
    throw new AppError(
      ErrorCode.Invalid,
      `*${escapeMrkdwn(program.name)}* is a coaching-pairs program: its people are matched into pairs, not formed into circles.`,
    );
  }
}

/** A fresh preview of the best arrangement of the intakes as they are now; nobody is told anything. */
export async function startPreview(
  db: Db,
  fx: Pick<FormEffects, 'programs'>,
  teamId: string,
  programName: string | null,
  organizerId: string,
  now: Date,
): Promise<Preview> {
  const program = await fx.programs.findProgram(db, teamId, programName);
  assertFormable(program);
  const source = await fx.programs.formationSource(db, teamId, program.id);
  const seed = seedOf(teamId, program.id);
  const arrangement = form(source.instance, { seed });
  const draft = await db.transaction().execute(async (trx) => {
    const old = await lockDraft(trx, teamId, program.id);
    if (old?.confirmed_at) throw new AppError(ErrorCode.Conflict, formedRefusal(program));
    return saveDraft(trx, {
      team_id: teamId,
      program_id: program.id,
      seed,
      version: (old?.version ?? 0) + 1,
      shuffles: 0,
      arrangement: JSON.stringify(arrangement),
      locked: '[]',
      shown: [arrangementKey(arrangement)],
      participants: source.instance.people.map((p) => p.id),
      created_by: organizerId,
      updated_at: now,
    });
  });
  return previewOf(source, draft, now);
}

/** The draft a button or modal refers to, if it is still the current one in this workspace; otherwise the one "out of date" answer. */
export async function requireDraft(db: Db, teamId: string, ref: DraftRef): Promise<FormDraftRow> {
  const draft = await findDraft(db, teamId, ref.programId);
  if (draft?.confirmed_at)
    throw new AppError(ErrorCode.Conflict, 'This program is already formed: its circles exist and everyone has been told.');
  if (!draft || draft.version !== ref.version) throw new AppError(ErrorCode.Conflict, STALE);
  return draft;
}

/** The draft a button or modal refers to, if it is still the current one; the program it belongs to. */
export async function currentPreview(
  db: Db,
  fx: Pick<FormEffects, 'programs'>,
  teamId: string,
  ref: DraftRef,
  now: Date,
): Promise<{ preview: Preview; source: FormationSource; draft: FormDraftRow }> {
  const draft = await findDraft(db, teamId, ref.programId);
  if (!draft || draft.version !== ref.version) throw new AppError(ErrorCode.Conflict, STALE);
  const source = await fx.programs.formationSource(db, teamId, ref.programId);
  if (draft.confirmed_at) throw new AppError(ErrorCode.Conflict, formedRefusal(source.program));
  if (!sameParticipants(draft, source.instance)) throw new AppError(ErrorCode.Conflict, CHANGED);
  return { preview: previewOf(source, draft, now), source, draft };
}

interface Change {
  arrangement: Arrangement;
  locked?: Circle[];
  shuffled?: boolean;
}

async function changeDraft(
  db: Db,
  fx: Pick<FormEffects, 'programs'>,
  teamId: string,
  ref: DraftRef,
  now: Date,
  change: (draft: FormDraftRow, source: FormationSource) => Change,
): Promise<Preview> {
  return db.transaction().execute(async (trx) => {
    const draft = await lockDraft(trx, teamId, ref.programId);
    if (!draft) throw new AppError(ErrorCode.Conflict, STALE);
    const source = await fx.programs.formationSource(trx, teamId, ref.programId);
    if (draft.confirmed_at) throw new AppError(ErrorCode.Conflict, formedRefusal(source.program));
    if (draft.version !== ref.version) throw new AppError(ErrorCode.Conflict, STALE);
    if (!sameParticipants(draft, source.instance)) throw new AppError(ErrorCode.Conflict, CHANGED);
    const outcome = change(draft, source);
    // A lock holds a circle as it is: one an edit changed is no longer locked.
    const locked = (outcome.locked ?? lockedOf(draft)).filter((l) => outcome.arrangement.circles.some((c) => sameCircle(l, c)));
    const shown = [...new Set([...draft.shown, arrangementKey(outcome.arrangement)])].slice(-SHOWN_CAP);
    const saved = await saveDraft(trx, {
      ...draft,
      version: draft.version + 1,
      shuffles: draft.shuffles + (outcome.shuffled ? 1 : 0),
      arrangement: JSON.stringify(outcome.arrangement),
      locked: JSON.stringify(locked),
      shown,
      circle_ids: JSON.stringify(draft.circle_ids),
      updated_at: now,
    });
    return previewOf(source, saved, now);
  });
}

/**
 * Another arrangement, keeping the locked circles: never one already shown while another as good
 * exists (the solver is given the keys shown). Returns whether it differs from the one before.
 */
export async function shuffle(
  db: Db,
  fx: Pick<FormEffects, 'programs'>,
  teamId: string,
  ref: DraftRef,
  now: Date,
): Promise<{ preview: Preview; changed: boolean }> {
  let changed = true;
  const preview = await changeDraft(db, fx, teamId, ref, now, (draft, source) => {
    const before = arrangementOf(draft);
    const arrangement = form(source.instance, {
      seed: draft.seed + draft.shuffles + 1,
      locked: lockedOf(draft),
      shown: draft.shown,
    });
    changed = arrangementKey(arrangement) !== arrangementKey(before);
    return { arrangement, shuffled: true };
  });
  return { preview, changed };
}

/** Locks one circle against Shuffle, or unlocks it. */
export async function toggleLock(
  db: Db,
  fx: Pick<FormEffects, 'programs'>,
  teamId: string,
  ref: DraftRef,
  index: number,
  now: Date,
): Promise<{ preview: Preview; locked: boolean }> {
  let nowLocked = false;
  const preview = await changeDraft(db, fx, teamId, ref, now, (draft) => {
    const arrangement = arrangementOf(draft);
    const circle = arrangement.circles[index];
    if (!circle) throw new AppError(ErrorCode.Conflict, STALE);
    const locked = lockedOf(draft);
    const was = locked.some((l) => sameCircle(l, circle));
    nowLocked = !was;
    return { arrangement, locked: was ? locked.filter((l) => !sameCircle(l, circle)) : [...locked, circle] };
  });
  return { preview, locked: nowLocked };
}

/** Refuses an edit that names people or circles outside the preview, or changes nothing. */
function checkEdit(instance: Instance, arrangement: Arrangement, edit: Edit): void {
  const known = new Set(instance.people.map((p) => p.id));
  const circleOf = (id: string) => arrangement.circles.findIndex((c) => c.members.includes(id));
  if (edit.kind === 'move') {
    if (!known.has(edit.person))
      throw new AppError(ErrorCode.Invalid, 'Choose someone who finished the intake and is in this preview.');
    if (!arrangement.circles[edit.toCircle]) throw new AppError(ErrorCode.Invalid, 'Choose one of the circles in the preview.');
    if (circleOf(edit.person) === edit.toCircle) throw new AppError(ErrorCode.Invalid, 'They are already in that circle.');
    return;
  }
  if (!known.has(edit.a) || !known.has(edit.b))
    throw new AppError(ErrorCode.Invalid, 'Choose two people who finished the intake and are in this preview.');
  if (edit.a === edit.b) throw new AppError(ErrorCode.Invalid, 'Choose two different people.');
  if (circleOf(edit.a) === circleOf(edit.b))
    throw new AppError(
      ErrorCode.Invalid,
      'Those two are in the same circle (or both not placed): choose people from two different circles.',
    );
}

/** What an edit would change, from the draft the organizer is looking at; nothing is written. */
export async function previewChange(
  db: Db,
  fx: Pick<FormEffects, 'programs'>,
  teamId: string,
  ref: DraftRef,
  edit: Edit,
  now: Date,
): Promise<{ change: EditPreview; times: Map<string, ProgramTime> }> {
  const { source, draft } = await currentPreview(db, fx, teamId, ref, now);
  checkEdit(source.instance, arrangementOf(draft), edit);
  return { change: previewEdit(source.instance, arrangementOf(draft), edit), times: timesOf(source.program) };
}

/** Applies an edit the organizer has seen, unless the draft changed since or it would break a hard rule. */
export async function applyChange(
  db: Db,
  fx: Pick<FormEffects, 'programs'>,
  teamId: string,
  ref: DraftRef,
  edit: Edit,
  now: Date,
): Promise<Preview> {
  return changeDraft(db, fx, teamId, ref, now, (draft, source) => {
    const before = arrangementOf(draft);
    checkEdit(source.instance, before, edit);
    if (previewEdit(source.instance, before, edit).breaks.length)
      throw new AppError(ErrorCode.Invalid, 'That change would break a hard rule of the program, so it was not applied.');
    return { arrangement: applyEdit(source.instance, before, edit) };
  });
}

export interface Confirmed {
  program: FormProgram;
  circles: CircleRow[];
  unplaced: number;
  /** The channels' set-up, sent first; then `keys`, the welcomes and the unplaced. */
  openKeys: string[];
  keys: string[];
}

/**
 * Creates the circles of the arrangement the organizer confirmed, all or none, in one transaction
 * with the draft locked: a second press (or two at once) finds it confirmed and creates nothing.
 * Hard rules are checked again against the intakes as they are now. Every message (channels set
 * up and welcomed, members welcomed, the unplaced told why) is queued in the same transaction.
 */
export async function confirm(db: Db, fx: FormEffects, teamId: string, ref: DraftRef, by: string, now: Date): Promise<Confirmed> {
  const done = await db.transaction().execute(async (trx: Transaction<Database>) => {
    const draft = await lockDraft(trx, teamId, ref.programId);
    if (!draft) throw new AppError(ErrorCode.Conflict, STALE);
    const source = await fx.programs.formationSource(trx, teamId, ref.programId);
    const { program, instance } = source;
    if (draft.confirmed_at || program.formedAt) throw new AppError(ErrorCode.Conflict, formedRefusal(program));
    if (draft.version !== ref.version) throw new AppError(ErrorCode.Conflict, STALE);
    if (!sameParticipants(draft, instance)) throw new AppError(ErrorCode.Conflict, CHANGED);
    const arrangement = arrangementOf(draft);
    const broken = hardRuleBreaks(instance, arrangement);
    if (broken.length) {
      const which = [...new Set(broken.map((b) => b.circle + 1))].map((n) => `Circle ${n}`).join(', ');
      throw new AppError(
        ErrorCode.Conflict,
        `An intake changed since this preview, and ${which} would now break a hard rule. Run \`/circle form\` again.`,
      );
    }
    const preview = previewOf(source, draft, now);
    const times = timesOf(program);
    const dates = cycleDates(program, now);
    // Memberships point at people rows: everyone placed is known by id at least (as the settings modal does).
    await rememberIds(trx, teamId, [...new Set([by, ...preview.circles.flatMap((c) => c.members)])], now);
    const circles: CircleRow[] = [];
    const openKeys: string[] = [];
    const keys: string[] = [];
    for (const c of preview.circles) {
      const time = times.get(c.time.id)!;
      const facilitator = c.facilitator ?? by;
      const created = await createFormedCircle(
        trx,
        teamId,
        by,
        {
          name: circleName(program.name, c.index, NAME_MAX),
          focus: program.purpose.slice(0, 500) || `A circle of ${program.name}.`,
          kind: 'group',
          channel: { mode: 'new', isPrivate: true },
          // The organizer stands in as facilitator (a place of its own) where nobody volunteered.
          sizeCap: Math.max(program.maxSize, c.members.length) + (c.facilitator ? 0 : 1),
          facilitators: [facilitator],
          cycle: { ...dates, lengthMonths: program.cycle.lengthMonths },
          cadence: cadenceFor(program, time),
          videoLink: null,
          rhythm: DEFAULT_RHYTHM,
          program: DEFAULT_PROGRAM,
        },
        c.members,
        now,
      );
      circles.push(created.circle);
      const reasons = reasonWords(c.facts, c.wishes, source.fields, timeLabel(time));
      const base = { teamId, circleId: created.circle.id, dueAt: now };
      openKeys.push(
        ...(await fx.outbox.enqueue(trx, fx.kinds.open, [
          { ...base, key: `formed-open:${created.circle.id}`, payload: { programName: program.name, reasons } },
        ])),
      );
      keys.push(
        ...(await fx.outbox.enqueue(
          trx,
          fx.kinds.welcome,
          c.members.map((userId) => ({
            ...base,
            key: `formed-welcome:${created.circle.id}:${userId}`,
            userId,
            payload: { programName: program.name },
          })),
        )),
      );
    }
    const unplaced = [
      ...arrangement.unplaced.map((u) => ({ userId: u.id, reason: u.reason })),
      ...source.unfinished.map((userId) => ({ userId, reason: 'unfinished' as const })),
    ];
    keys.push(
      ...(await fx.outbox.enqueue(
        trx,
        fx.kinds.unplaced,
        unplaced.map((u) => ({
          teamId,
          key: `formed-unplaced:${program.id}:${u.userId}`,
          userId: u.userId,
          dueAt: now,
          payload: { programName: program.name, reason: u.reason },
        })),
      )),
    );
    await fx.programs.markFormed(
      trx,
      teamId,
      program.id,
      circles.map((c, i) => ({ members: preview.circles[i]!.members, circleId: c.id })),
      now,
    );
    await markConfirmed(
      trx,
      teamId,
      program.id,
      by,
      circles.map((c) => c.id),
      now,
    );
    return { program, circles, unplaced: unplaced.length, openKeys, keys };
  });
  // Sessions exist from the start, so reminders, agendas and calendars follow at once.
  for (const circle of done.circles) await fx.ports.settingsSaved(teamId, circle.id, now);
  return done;
}
