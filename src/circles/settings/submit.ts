import type { AppDeps } from '../../app/deps';
import { AppError, ErrorCode, isAppError } from '../../core/errors';
import { knownPeople, knownPerson, type Person, rememberIds } from '../../people/service';
import type { SlackApp } from '../../slack/app';
import { onSubmit, type Submission } from '../../slack/listen';
import { todayIn } from '../../time/zonedTime';
import type { CirclePorts } from '../ports';
import { CircleViews } from '../ids';
import { assertCanManage, assertOrganizer, type CircleRow, type CycleRow, currentCycle, requireCircle } from '../service';
import { parseSettingsMetadata } from './blocks';
import {
  type CircleSettings,
  keepRotation,
  parseSettings,
  SettingsBlocks,
  type SettingsDraft,
  type SettingsErrors,
} from './model';
import type { settingsProvisioning } from './provision';
import { checkSettings, createCircle, loadStoredSettings, updateCircleSettings } from './service';

export const CREATE_WHAT = 'create circles';
export const EDIT_WHAT = 'change its settings';

type Decision = { errors: SettingsErrors } | { settings: CircleSettings; circle: CircleRow | undefined; unverified: string[] };

/**
 * The settings modal's submission. Its answer comes from the database alone: the person's roles
 * as last seen, the fields, the names and channels other circles hold. What only Slack can tell
 * (can the bot see that channel? is that facilitator a bot?) is checked after the ack, with the
 * channel set-up, and reported to the person with what to do.
 */
export function registerSettingsSubmit(
  app: SlackApp,
  deps: AppDeps,
  ports: Pick<CirclePorts, 'hasMet' | 'settingsSaved' | 'nextMeetings'>,
  provisioning: ReturnType<typeof settingsProvisioning>,
): void {
  const { db, clock, config, logger } = deps;

  async function decide(
    teamId: string,
    userId: string,
    circleId: number | undefined,
    values: unknown,
    now: Date,
  ): Promise<Decision> {
    const person = await knownPerson(db, teamId, userId);
    let circle: CircleRow | undefined;
    let cycle: CycleRow | undefined;
    try {
      if (!person) throw new AppError(ErrorCode.Invalid, 'Please close this form and open it again.');
      if (circleId === undefined) {
        assertOrganizer(person, config.organizers, CREATE_WHAT);
      } else {
        circle = await requireCircle(db, teamId, circleId);
        await assertCanManage(db, circle, person, config.organizers, EDIT_WHAT);
        cycle = await currentCycle(db, teamId, circleId);
      }
    } catch (error) {
      // Roles can change while a modal is open; the refusal goes where the person is looking.
      if (isAppError(error)) return { errors: { [SettingsBlocks.name]: error.message } };
      throw error;
    }
    const parsed = parseSettings(values, (tz) => todayIn(now, tz), {
      ...(cycle ? { currentStartDate: cycle.start_date } : {}),
      ...(circle ? { storedCadence: circle.cadence, storedHidden: await loadStoredSettings(db, circle) } : {}),
    });
    const draft: SettingsDraft = parsed.ok ? parsed.settings : parsed.draft;
    const known = await knownPeople(db, teamId, draft.facilitators ?? []);
    const errors = mergeErrors(
      parsed.ok ? {} : parsed.errors,
      await checkSettings(db, ports, teamId, draft, now, circle?.id),
      facilitatorErrors([...known.values()]),
    );
    if (!parsed.ok || Object.keys(errors).length > 0) return { errors: shownErrors(errors, values) };
    const unverified = parsed.settings.facilitators.filter((id) => !known.has(id));
    return { settings: parsed.settings, circle, unverified };
  }

  onSubmit(app, logger, CircleViews.settings, SettingsBlocks.name, async ({ view, actor }): Promise<Submission> => {
    const now = clock();
    const { circleId, from } = parseSettingsMetadata(view.private_metadata);
    const decided = await decide(actor.teamId, actor.userId, circleId, view.state.values, now);
    if ('errors' in decided) return decided;
    const { settings, circle, unverified } = decided;
    await rememberIds(db, actor.teamId, unverified, now);
    // Saved before the ack, so a name taken meanwhile still comes back as a field error.
    if (circle === undefined) {
      const created = await createCircle(db, actor.teamId, actor.userId, settings, now);
      if (!created.ok) return { errors: created.errors };
      // Sessions exist from the start, so the schedule and calendars show them at once.
      await ports.settingsSaved(actor.teamId, created.value.circle.id, now);
      const id = created.value.circle.id;
      const firstSession = (await ports.nextMeetings(actor.teamId, [id], now)).get(id) ?? null;
      const origin = from ? { responseUrl: from, firstSession } : undefined;
      return {
        after: (client) => provisioning.afterCreate(client, actor.userId, created.value, settings, unverified, origin),
      };
    }
    const kept = { ...settings, cadence: keepRotation(circle.cadence, settings.cadence) };
    const updated = await updateCircleSettings(db, ports, actor.teamId, circle.id, kept, now);
    if (!updated.ok) return { errors: updated.errors };
    // A changed cadence or cycle regenerates future sessions; unchanged ones keep their plans.
    await ports.settingsSaved(actor.teamId, circle.id, now);
    return { after: (client) => provisioning.afterEdit(client, actor.userId, updated.value, settings, unverified) };
  });
}

/** Facilitators must be people: the ones already known to be bots or deactivated are refused on the field. */
function facilitatorErrors(known: Person[]): SettingsErrors {
  const refused = known.flatMap((p) =>
    p.isBot ? [`${p.name} is a bot`] : p.isDeleted ? [`${p.name}'s account is deactivated`] : [],
  );
  if (refused.length === 0) return {};
  return { [SettingsBlocks.facilitators]: `Facilitators must be active people: ${refused.join('; ')}.` };
}

/** Earlier sources win: a field shows the first problem found with it. */
function mergeErrors(...sources: SettingsErrors[]): SettingsErrors {
  const out: SettingsErrors = {};
  for (const source of sources) {
    for (const [id, message] of Object.entries(source) as [keyof SettingsErrors, string | undefined][]) {
      if (message !== undefined && out[id] === undefined) out[id] = message;
    }
  }
  return out;
}

/**
 * Slack refuses errors on blocks the modal does not hold, and the modal holds only what its kind
 * uses. A kind that cannot change says so alone (the other kind's fields are moot); errors on
 * fields of a kind the modal was not drawn for go to the kind, which redraws it when chosen again.
 */
function shownErrors(errors: SettingsErrors, values: unknown): SettingsErrors {
  const kindError = errors[SettingsBlocks.kind];
  if (kindError) return { [SettingsBlocks.kind]: kindError };
  const present = typeof values === 'object' && values !== null ? values : {};
  const shown = Object.fromEntries(Object.entries(errors).filter(([block]) => block in present));
  if (Object.keys(shown).length === Object.keys(errors).length) return errors;
  return { ...shown, [SettingsBlocks.kind]: 'Some settings of this kind are missing: pick the kind again to see them.' };
}
