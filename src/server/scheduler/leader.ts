/**
 * Whether this replica may act on its own: run the scheduler and start or drive runs. One replica
 * leads at a time; a PostgreSQL-backed implementation (advisory lock or lease row) plugs in here for
 * HA, the in-process one below always leads (a single replica, the SQLite store).
 */
export interface Leader {
  /** This replica's identity, shown to the others (host and pid). */
  readonly id: string;
  isLeader(): boolean;
  /** Who leads as this replica last saw it, when it knows (shown in the 503 of a non-leader). */
  leaderId?(): string | undefined;
  /** Called with true when this replica gains leadership and false when it loses it. Returns an unsubscribe. */
  onChange(listener: (leading: boolean) => void): () => void;
  /** Gives leadership up (shutdown). */
  close(): Promise<void>;
}

/** The single-replica leader: always leads, never changes. */
export class AlwaysLeader implements Leader {
  constructor(readonly id: string) {}

  isLeader(): boolean {
    return true;
  }

  onChange(listener: (leading: boolean) => void): () => void {
    listener(true);
    return () => undefined;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
