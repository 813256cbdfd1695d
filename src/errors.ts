export enum ErrorCode {
  NotFound = 'not_found',
  Forbidden = 'forbidden',
  Invalid = 'invalid',
  Conflict = 'conflict',
  SlackPermanent = 'slack_permanent',
  SlackTransient = 'slack_transient',
}

/** An error a person can act on: `message` is written for them. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
