/** Structured log lines of the server; pino implements it in src/wiring/server-logger.ts. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
