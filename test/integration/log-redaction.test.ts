import { sql } from 'kysely';
import { AppError, ErrorCode } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createTestDatabase, type TestDatabase } from '../support/db';

/** What people typed, which a failing statement carries as parameters. */
const TYPED = ['Zoë Quietname', 'Preferred: Tuesdays after 5', 'T0NOWHERE1', 'not-a-number-42'];

describe('a log line from a failed query', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  const failure = async (run: () => Promise<unknown>): Promise<unknown> => {
    try {
      await run();
    } catch (error) {
      return error;
    }
    throw new Error('expected the statement to fail');
  };

  const logged = (error: unknown): string => {
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    logger.error('Unhandled error in a Slack listener', error);
    logger.warn('A wrapped failure', new AppError(ErrorCode.Conflict, 'could not save', { cause: error }));
    // Bolt wraps an error without a code in one that keeps it as `original`.
    logger.debug(`Error details: ${String(error)}`, Object.assign(new Error('wrapped'), { original: error }));
    return lines.join('\n');
  };

  it('holds no parameter values: a foreign key violation (the row in the detail and the parameters)', async () => {
    const error = await failure(() =>
      t.db.insertInto('users').values({ team_id: TYPED[2]!, user_id: 'U0PERSON01', display_name: TYPED[0]! }).execute(),
    );
    const text = logged(error);
    for (const value of TYPED.slice(0, 3)) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    // What an operator needs is still there: which constraint, the SQLSTATE.
    expect(text).toContain('users_team_id_fkey');
    expect(text).toContain('23503');
  });

  it('holds no parameter values: a unique violation, whose detail repeats the key', async () => {
    await t.db.insertInto('workspaces').values({ team_id: 'T0ONE' }).execute();
    await t.db.insertInto('users').values({ team_id: 'T0ONE', user_id: TYPED[1]!, display_name: 'x' }).execute();
    const error = await failure(() =>
      t.db.insertInto('users').values({ team_id: 'T0ONE', user_id: TYPED[1]!, display_name: TYPED[0]! }).execute(),
    );
    const text = logged(error);
    for (const value of TYPED.slice(0, 2)) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    expect(text).toContain('23505');
  });

  it('holds no parameter values: invalid input, which PostgreSQL quotes in the message itself', async () => {
    const error = await failure(() => sql`SELECT ${TYPED[3]}::int AS n`.execute(t.db));
    const text = logged(error);
    expect(text).not.toContain(TYPED[3]);
    expect(text).toContain('invalid input syntax for type integer');
  });
});
