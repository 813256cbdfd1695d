import { AGENDA_FORMAT_IDS, type AgendaFormatId } from './agendaFormats';
import { DEFAULT_RHYTHM } from './rhythm';
import type { Transaction } from 'kysely';
import type { Conn, Db } from '../../db/database';
import type { Database } from '../../db/types';
import { AppError, ErrorCode } from '../../core/errors';
import { NAME_MAX, nameArg } from '../model';
import { circleByName, facilitatorIds } from '../service';
import type { CirclePorts } from '../ports';
import type { CircleSettings, SettingsDraft, SettingsErrors, StoredSettings } from './model';
import { SettingsBlocks, sameCadence } from './model';
import {
  type CircleRow,
  type CycleRow,
  currentCycle,
  findCircle,
  findCircleByChannel,
  findCircleByName,
  findMembership,
  insertCircle,
  insertCycle,
  insertMembership,
  lockCircle,
  membershipsOfUser,
  membersOf,
  updateCircle,
  updateCycleDates,
  updateMembership,
} from '../store';
import { escapeMrkdwn } from '../../core/text';

export type SaveOutcome<T> = { ok: true; value: T } | { ok: false; errors: SettingsErrors };

const nameTakenMessage = (existing: string) => `There is already a circle called "${existing}". Pick another name.`;

/**
 * The checks only the database can answer, run before saving so a person sees them with the
 * modal's other field errors. `circleId` is the circle being edited, whose own name is not "taken".
 */
export async function checkSettings(
  db: Conn,
  ports: Pick<CirclePorts, 'hasMet'>,
  teamId: string,
  draft: SettingsDraft,
  now: Date,
  circleId?: number,
): Promise<SettingsErrors> {
  const errors: SettingsErrors = {};
  if (draft.name !== undefined) {
    const clash = await findCircleByName(db, teamId, draft.name);
    if (clash && clash.id !== circleId) errors[SettingsBlocks.name] = nameTakenMessage(clash.name);
  }
  if (draft.channel?.mode === 'existing') {
    const owner = await findCircleByChannel(db, teamId, draft.channel.channelId);
    if (owner && owner.id !== circleId) {
      errors[SettingsBlocks.channel] =
        `That channel already belongs to the circle "${escapeMrkdwn(owner.name)}". Pick another, or create a new one.`;
    }
  }
  if (circleId !== undefined && draft.kind !== undefined) {
    const circle = await findCircle(db, teamId, circleId);
    if (circle && circle.kind !== draft.kind && (await ports.hasMet(db, teamId, circleId, now))) {
      errors[SettingsBlocks.kind] = kindLockedMessage(circle.kind);
    }
  }
  return errors;
}

const kindLockedMessage = (kind: CircleRow['kind']) =>
  `This circle has already met, so it stays a ${kind === 'group' ? 'learning circle' : 'coaching program'}. To run the other kind, create a new circle.`;

/** PostgreSQL's unique_violation on the per-workspace name index: someone saved the same name first. */
function isNameClash(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code !== '23505') return false;
  return (
    e.constraint === 'circles_name_per_team' || (typeof e.message === 'string' && e.message.includes('circles_name_per_team'))
  );
}

export interface CreatedCircle {
  circle: CircleRow;
  cycle: CycleRow;
}

/**
 * Saves a new circle with its first cycle and its facilitators, in one transaction. The unique
 * index on the name settles a race between two people creating the same name: the second gets
 * the name field error, not a crash.
 */
export async function createCircle(
  db: Db,
  teamId: string,
  createdBy: string,
  settings: CircleSettings,
  now: Date,
): Promise<SaveOutcome<CreatedCircle>> {
  try {
    const value = await db.transaction().execute((trx) => insertNewCircle(trx, teamId, createdBy, settings, now));
    return { ok: true, value };
  } catch (error) {
    if (isNameClash(error)) {
      const clash = await findCircleByName(db, teamId, settings.name);
      return { ok: false, errors: { [SettingsBlocks.name]: nameTakenMessage(clash?.name ?? settings.name) } };
    }
    throw error;
  }
}

/** The circle row, its first cycle and its facilitators, inside the caller's transaction. */
async function insertNewCircle(
  trx: Transaction<Database>,
  teamId: string,
  createdBy: string,
  settings: CircleSettings,
  now: Date,
): Promise<CreatedCircle> {
  const circle = await insertCircle(trx, {
    team_id: teamId,
    name: settings.name,
    focus: settings.focus,
    kind: settings.kind,
    status: 'open',
    channel_id: null,
    size_cap: settings.sizeCap,
    cadence: JSON.stringify(settings.cadence),
    video_link: settings.videoLink,
    session_format: settings.rhythm.format,
    reminder_lead_minutes: settings.rhythm.reminderLeads,
    agenda_lead_minutes: settings.rhythm.agendaLeadMinutes,
    ...programColumns(settings),
    created_by: createdBy,
    created_at: now,
    updated_at: now,
  });
  const cycle = await insertCycle(trx, {
    team_id: teamId,
    circle_id: circle.id,
    number: 1,
    start_date: settings.cycle.startDate,
    end_date: settings.cycle.endDate,
    created_at: now,
  });
  for (const userId of settings.facilitators) await insertFacilitator(trx, teamId, circle.id, userId, now);
  return { circle, cycle };
}

/**
 * A circle whose people were chosen before it existed (a program's formation), created inside
 * the caller's transaction so the whole arrangement is created or none of it: the circle, its
 * first cycle, its facilitators and its members, all seated. A name already taken gets the first
 * free " (2)", " (3)"… suffix. Its channel is set up afterwards, like any new circle's.
 */
export async function createFormedCircle(
  trx: Transaction<Database>,
  teamId: string,
  createdBy: string,
  settings: CircleSettings,
  memberIds: string[],
  now: Date,
): Promise<CreatedCircle> {
  let name = settings.name;
  for (let n = 2; await findCircleByName(trx, teamId, name); n++) {
    const suffix = ` (${n})`;
    name = `${settings.name.slice(0, NAME_MAX - suffix.length)}${suffix}`;
  }
  const created = await insertNewCircle(trx, teamId, createdBy, { ...settings, name }, now);
  for (const userId of memberIds) {
    if (settings.facilitators.includes(userId)) continue;
    await insertMembership(trx, {
      team_id: teamId,
      circle_id: created.circle.id,
      user_id: userId,
      role: 'member',
      status: 'active',
      joined_at: now,
      queued_at: now,
      created_at: now,
      updated_at: now,
    });
  }
  return created;
}

export interface UpdatedCircle {
  before: CircleRow;
  circle: CircleRow;
  cycle: CycleRow;
  /** Facilitators who were not facilitators before: they need inviting to the channel. */
  addedFacilitators: string[];
  capRaised: boolean;
}

/** Applies an edit: the circle row, the current cycle's dates and the facilitator roles, together. */
export async function updateCircleSettings(
  db: Db,
  ports: Pick<CirclePorts, 'hasMet'>,
  teamId: string,
  circleId: number,
  settings: CircleSettings,
  now: Date,
): Promise<SaveOutcome<UpdatedCircle>> {
  try {
    return await db.transaction().execute(async (trx): Promise<SaveOutcome<UpdatedCircle>> => {
      const before = await lockCircle(trx, teamId, circleId);
      if (!before) throw new AppError(ErrorCode.NotFound, 'That circle no longer exists.');
      // Checked again under the lock: a session may have been scheduled since the modal was checked.
      if (before.kind !== settings.kind && (await ports.hasMet(trx, teamId, circleId, now))) {
        return { ok: false, errors: { [SettingsBlocks.kind]: kindLockedMessage(before.kind) } };
      }
      const cadence = JSON.stringify(settings.cadence);
      const circle = await updateCircle(trx, teamId, circleId, {
        name: settings.name,
        focus: settings.focus,
        kind: settings.kind,
        size_cap: settings.sizeCap,
        cadence,
        // A rhythm changed by hand applies from now on, whatever a poll's pick had kept.
        ...(sameCadence(before.cadence, settings.cadence) ? {} : { cadence_from: null }),
        video_link: settings.videoLink,
        session_format: settings.rhythm.format,
        reminder_lead_minutes: settings.rhythm.reminderLeads,
        agenda_lead_minutes: settings.rhythm.agendaLeadMinutes,
        ...programColumns(settings),
        updated_at: now,
      });
      const existing = await currentCycle(trx, teamId, circleId);
      let cycle: CycleRow;
      if (existing) {
        await updateCycleDates(trx, teamId, existing.id, settings.cycle.startDate, settings.cycle.endDate);
        cycle = { ...existing, start_date: settings.cycle.startDate, end_date: settings.cycle.endDate };
      } else {
        cycle = await insertCycle(trx, {
          team_id: teamId,
          circle_id: circleId,
          number: 1,
          start_date: settings.cycle.startDate,
          end_date: settings.cycle.endDate,
          created_at: now,
        });
      }
      const addedFacilitators = await syncFacilitators(trx, teamId, circleId, settings.facilitators, now);
      return { ok: true, value: { before, circle, cycle, addedFacilitators, capRaised: settings.sizeCap > before.size_cap } };
    });
  } catch (error) {
    if (isNameClash(error)) {
      const clash = await findCircleByName(db, teamId, settings.name);
      return { ok: false, errors: { [SettingsBlocks.name]: nameTakenMessage(clash?.name ?? settings.name) } };
    }
    throw error;
  }
}

/**
 * Makes exactly `wanted` the facilitators. Former facilitators stay in the circle as members;
 * a new facilitator who was waiting or had left takes a place at once, since a circle needs its hosts.
 */
async function syncFacilitators(
  trx: Transaction<Database>,
  teamId: string,
  circleId: number,
  wanted: string[],
  now: Date,
): Promise<string[]> {
  const current = await membersOf(trx, teamId, circleId, ['active', 'paused', 'waitlisted', 'left']);
  for (const m of current) {
    if (m.role === 'facilitator' && !wanted.includes(m.user_id)) {
      await updateMembership(trx, teamId, m.id, { role: 'member', updated_at: now });
    }
  }
  const added: string[] = [];
  for (const userId of wanted) {
    const m = await findMembership(trx, teamId, circleId, userId);
    if (!m) {
      await insertFacilitator(trx, teamId, circleId, userId, now);
      added.push(userId);
      continue;
    }
    const seated = m.status === 'active' || m.status === 'paused';
    if (m.role === 'facilitator' && seated) continue;
    await updateMembership(trx, teamId, m.id, {
      role: 'facilitator',
      ...(seated ? {} : { status: 'active' as const, joined_at: now, left_at: null, paused_until: null }),
      updated_at: now,
    });
    if (m.role !== 'facilitator' || !seated) added.push(userId);
  }
  return added;
}

/** Points the circle at its channel, noting whether the app created it (then it may remove people from it). */
export async function setCircleChannel(
  db: Db,
  teamId: string,
  circleId: number,
  channel: { id: string; created: boolean },
  now: Date,
): Promise<CircleRow> {
  return updateCircle(db, teamId, circleId, { channel_id: channel.id, channel_created: channel.created, updated_at: now });
}

/** Facilitators and members holding a place: who belongs in the circle's channel. */
export async function channelPeople(db: Db, teamId: string, circleId: number): Promise<string[]> {
  return (await membersOf(db, teamId, circleId, ['active', 'paused'])).map((m) => m.user_id);
}

/** A circle as the edit modal shows it. */
export async function loadStoredSettings(db: Db, circle: CircleRow): Promise<StoredSettings> {
  const cycle = await currentCycle(db, circle.team_id, circle.id);
  return {
    name: circle.name,
    focus: circle.focus,
    kind: circle.kind,
    channelId: circle.channel_id,
    sizeCap: circle.size_cap,
    cadence: circle.cadence,
    videoLink: circle.video_link,
    facilitators: await facilitatorIds(db, circle.team_id, circle.id),
    cycle: cycle ? { startDate: cycle.start_date, endDate: cycle.end_date } : null,
    rhythm: {
      format: (AGENDA_FORMAT_IDS as readonly string[]).includes(circle.session_format)
        ? (circle.session_format as AgendaFormatId)
        : DEFAULT_RHYTHM.format,
      reminderLeads: circle.reminder_lead_minutes,
      agendaLeadMinutes: circle.agenda_lead_minutes,
    },
    program: {
      checkinDelayMinutes: circle.checkin_delay_minutes,
      lapseThreshold: circle.lapse_threshold,
      topics: circle.topics,
      pairCooloffCycles: circle.pair_cooloff_cycles,
      evaluationsAnonymous: circle.evaluations_anonymous,
      continueAutomatically: circle.continue_automatically,
      surveyCloseDays: circle.survey_close_days,
    },
  };
}

function programColumns(settings: CircleSettings) {
  const p = settings.program;
  return {
    checkin_delay_minutes: p.checkinDelayMinutes,
    lapse_threshold: p.lapseThreshold,
    topics: p.topics,
    pair_cooloff_cycles: p.pairCooloffCycles,
    evaluations_anonymous: p.evaluationsAnonymous,
    continue_automatically: p.continueAutomatically,
    survey_close_days: p.surveyCloseDays,
  };
}

/**
 * Which circle `/circle edit [name]` means: the named one; without a name, the circle whose
 * channel the command was typed in, else the one circle the person facilitates.
 */
export async function resolveCircleForEdit(
  db: Db,
  teamId: string,
  userId: string,
  channelId: string,
  text: string,
): Promise<CircleRow> {
  const arg = nameArg(text);
  if (!arg.ok) throw new AppError(ErrorCode.Invalid, arg.error);
  if (arg.name !== null) return circleByName(db, teamId, arg.name);
  const here = await findCircleByChannel(db, teamId, channelId);
  if (here) return here;
  const hosting = (await membershipsOfUser(db, teamId, userId)).filter((m) => m.role === 'facilitator');
  const [only] = hosting;
  if (only && hosting.length === 1) return only.circle;
  if (hosting.length > 1) {
    const names = hosting.map((m) => `*${escapeMrkdwn(m.circle.name)}*`).join(', ');
    throw new AppError(ErrorCode.Invalid, `You facilitate several circles (${names}). Say which one: \`/circle edit NAME\`.`);
  }
  throw new AppError(ErrorCode.Invalid, "Which circle? Type `/circle edit NAME`, or run `/circle edit` in the circle's channel.");
}

/** Facilitators take part in their circle: an active place from the moment they are named. */
function insertFacilitator(db: Conn, teamId: string, circleId: number, userId: string, now: Date) {
  return insertMembership(db, {
    team_id: teamId,
    circle_id: circleId,
    user_id: userId,
    role: 'facilitator',
    status: 'active',
    joined_at: now,
    queued_at: now,
    created_at: now,
    updated_at: now,
  });
}

/** Takes someone off a circle's facilitators again (Slack says they are a bot or deactivated). */
export async function dropFacilitator(db: Db, teamId: string, circleId: number, userId: string, now: Date): Promise<void> {
  const m = await findMembership(db, teamId, circleId, userId);
  if (!m) return;
  await updateMembership(db, teamId, m.id, { role: 'member', status: 'left', paused_until: null, left_at: now, updated_at: now });
}
