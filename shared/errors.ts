/** Error codes every door (IPC, HTTP, CLI) reports in the result envelope. */
export const ERROR_CODES = [
  'invalid_argument', // the arguments failed the contract's schema
  'not_found',
  'conflict', // e.g. the same package imported twice
  'invalid_input', // a file the user supplied is malformed (details in the message / report)
  'cancelled',
  'forbidden',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Machine-readable detail, e.g. the validation report of a refused import. */
  details?: unknown;
}

/** Thrown by services for expected failures; anything else is reported as `internal`. */
export class AppError extends Error implements AppErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
