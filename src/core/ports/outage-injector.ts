/**
 * Makes a region fail for a drill and brings it back: the lab cuts its network link; real clusters get
 * the plan's chaos experiments applied and removed. `inject` resolves once the fault is in place.
 */
export interface OutageInjector {
  /** How the outage is made, for the report (e.g. "lab: network link down"). */
  readonly method: string;
  inject(region: string): Promise<void>;
  clear(region: string): Promise<void>;
}
