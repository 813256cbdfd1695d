import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_initial_schema';
import * as m0002 from './0002_sessions_scheduler';
import * as m0003 from './0003_lead_menus';
import * as m0004 from './0004_program_settings';
import * as m0005 from './0005_installations_sealed';
import * as m0006 from './0006_checkins';
import * as m0007 from './0007_pairs';
import * as m0008 from './0008_cycles';
import * as m0009 from './0009_token_checks';
import * as m0011 from './0011_channel_ownership_roles';
import * as m0012 from './0012_membership_history';
import * as m0013 from './0013_time_polls';
import * as m0014 from './0014_programs';
import * as m0015 from './0015_formation_drafts';
import * as m0016 from './0016_calendar_tokens_hashed';
import * as m0017 from './0017_pair_reasons_data';
import * as m0018 from './0018_membership_events_by_time';

/**
 * Every migration, in order. A static list (rather than reading the folder at run time) works
 * the same from TypeScript sources, compiled output and the test runner.
 * Landed migrations are never edited: add a new file instead.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial_schema': m0001,
  '0002_sessions_scheduler': m0002,
  '0003_lead_menus': m0003,
  '0004_program_settings': m0004,
  '0005_installations_sealed': m0005,
  '0006_checkins': m0006,
  '0007_pairs': m0007,
  '0008_cycles': m0008,
  '0009_token_checks': m0009,
  '0011_channel_ownership_roles': m0011,
  '0012_membership_history': m0012,
  '0013_time_polls': m0013,
  '0014_programs': m0014,
  '0015_formation_drafts': m0015,
  '0016_calendar_tokens_hashed': m0016,
  '0017_pair_reasons_data': m0017,
  '0018_membership_events_by_time': m0018,
};
