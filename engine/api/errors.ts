/** Errors every face can show as they are: a code to branch on, a message naming the file and the problem. */
export type RootlineErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'bad-option'
  | 'cancelled'
  | 'corrupt'
  | 'internal'
  // SQL console
  | 'syntax'
  | 'not-read-only'
  | 'timeout'
  | 'too-large';

export class RootlineError extends Error {
  constructor(readonly code: RootlineErrorCode, message: string) {
    super(message);
    this.name = 'RootlineError';
  }
}
