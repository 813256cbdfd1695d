import { sql } from 'kysely';
import { QueryCounter } from '../../bench/counter';
import { MINUTES_PER_WEEK, seed, START } from '../../bench/seed';
import { buildServices } from '../../src/composition';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { DeliveryRegistry } from '../../src/scheduler/kinds';
import { PLAN_AHEAD_MS, planDue } from '../../src/scheduler/planner';
import { sessionKinds } from '../../src/sessions/deliveries';
import { createTestDatabase, type TestDatabase } from '../support/db';

const MINUTE = 60_000;

/**
 * A busy pass must cost a fixed number of round trips plus what is due, not one or more per circle:
 * 20 weekly circles of 8 over a whole week is the benchmark's "1% of a week" at 2,000 circles
 * (360 deliveries, 20 warm-up leaders to choose).
 */
describe('a busy scheduler pass, counted in statements', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await seed(t.db, 20, 0);
  });
  afterAll(async () => {
    await t.close();
  });
  // Each test plans the same week from the seeded state: nothing planned, no leaders chosen past the first week.
  beforeEach(async () => {
    await sql`DELETE FROM deliveries`.execute(t.db);
    await sql`UPDATE scheduler_state SET value = ${START} WHERE name = 'deliveries_planned_until'`.execute(t.db);
    await sql`UPDATE sessions SET leader_user_id = NULL, prompt_key = NULL, prompt_text = NULL
      WHERE starts_at > ${new Date(START.getTime() + MINUTES_PER_WEEK * MINUTE)}`.execute(t.db);
  });

  const now = new Date(START.getTime() + MINUTES_PER_WEEK * MINUTE - PLAN_AHEAD_MS);

  // Before batching: 134 statements here and 276 for the whole pass (one or more per circle and session).
  it('plans 360 session deliveries in a handful of statements', async () => {
    const counter = new QueryCounter();
    const db = t.db.withPlugin(counter);
    const result = await planDue(db, new DeliveryRegistry().register(...Object.values(sessionKinds(db))), now);
    expect(result.planned).toBe(360);
    expect(counter.count).toBeLessThanOrEqual(10);
    // The 20 sessions whose week began were given a leader each, rotating through the circle.
    const led = await t.db
      .selectFrom('sessions')
      .select(['circle_id', 'leader_user_id', 'prompt_key'])
      .where('starts_at', '>', new Date(START.getTime() + MINUTES_PER_WEEK * MINUTE))
      .where('starts_at', '<=', new Date(START.getTime() + 2 * MINUTES_PER_WEEK * MINUTE))
      .execute();
    expect(led.filter((s) => s.leader_user_id && s.prompt_key)).toHaveLength(20);
  });

  it("the app's whole planning pass (every kind) stays within a few dozen statements", async () => {
    const counter = new QueryCounter();
    const db = t.db.withPlugin(counter);
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-test', SLACK_SIGNING_SECRET: '0123456789abcdef', LOG_LEVEL: 'error' });
    const services = buildServices(config, db, () => now, createLogger('error'));
    const result = await planDue(db, services.registry, now);
    expect(result.planned).toBeGreaterThanOrEqual(360);
    // A kind that plans from the calendar reads what is due in one statement; the rest is fixed
    // (the watermark, workspaces that uninstalled, the one insert, the session kinds' batches and
    // warm-up leaders). So a new kind costs one statement, and 20 circles or 2,000 cost the same.
    const planners = services.registry.planners().length;
    expect(counter.count).toBeLessThanOrEqual(planners + 11);
  });
});
