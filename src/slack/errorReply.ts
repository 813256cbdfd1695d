import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';

export const SORRY = 'Something went wrong on our side and nothing was changed. Please try again in a minute.';
/** For work that runs once the request is answered, when some of it may already have happened. */
export const SORRY_PART_DONE =
  'Something went wrong on our side and part of it may not have happened. Please try again in a minute.';

/**
 * What the person is told when their command, click or submission failed, on every surface alike:
 * a refusal (AppError) in its own words; anything else is logged with what was being done, and
 * answered with an apology that gives nothing of the inside away.
 */
export function errorReply(error: unknown, logger: Logger, doing: string, sorry: string = SORRY): string {
  if (error instanceof AppError) return error.message;
  logger.error(`${doing} failed`, error);
  return sorry;
}
