export enum ErrorCode {
  NotFound = 'not_found',
  Forbidden = 'forbidden',
  Invalid = 'invalid',
  Conflict = 'conflict',
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

/** The `error` code of a Slack platform error, if that is what this is. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'data' in error) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === 'string' ? data.error : undefined;
  }
  return undefined;
}
