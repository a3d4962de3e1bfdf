/** An API failure as the engine typed it: a code to branch on and a message to show. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}
