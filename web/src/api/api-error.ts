/** An error answer of the API: `{error: {code, message, details}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The token is missing or unknown: the session is over. */
  get isUnauthenticated(): boolean {
    return this.status === 401;
  }

  /** Plain words for a person at 3 a.m.: what went wrong and what to do. */
  get advice(): string {
    if (this.status === 403) return `${this.message}. Ask someone with that role, or sign in with their token.`;
    if (this.status === 429) return `${this.message}.`;
    if (this.status === 409) return `${this.message} (the run or plan changed meanwhile: reload and look again).`;
    if (this.status === 501) return `${this.message} (this server was built without it).`;
    if (this.status === 503) return `${this.message} (another Lifeboat replica is the leader: use that one).`;
    return this.message;
  }
}

/** Builds an ApiError from a failed response, whatever its body. */
export async function apiErrorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } };
    if (body.error?.message) return new ApiError(res.status, body.error.code ?? 'error', body.error.message, body.error.details ?? {});
  } catch {
    // not JSON: fall through
  }
  return new ApiError(res.status, 'http_error', `the server answered ${res.status} ${res.statusText}`.trim());
}
