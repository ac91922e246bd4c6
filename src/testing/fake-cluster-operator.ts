import { ProviderError } from '../core/errors.js';
import type { ClusterOperator, WorkloadReadiness } from '../core/ports/cluster-operator.js';

/** One Deployment in the fake cluster. */
export interface FakeDeployment { namespace: string; name: string; replicas: number; available: number; fenced?: number }

/**
 * A region's cluster in memory. `reachable = false` makes every call fail like a dead apiserver;
 * restored namespaces appear when a FakeBackupRestorer completes a restore into this cluster.
 */
export class FakeClusterOperator implements ClusterOperator {
  reachable = true;
  readonly deployments: FakeDeployment[] = [];
  readonly namespaces = new Set<string>();
  readonly locations = new Map<string, 'ReadWrite' | 'ReadOnly'>([['default', 'ReadWrite']]);
  schedulesPaused = false;
  /** The next N calls fail as if the apiserver were restarting. */
  failNextCalls = 0;

  private check(op: string): void {
    if (this.failNextCalls > 0) {
      this.failNextCalls--;
      throw new ProviderError(`kubernetes: ${op} failed: ECONNRESET`, { provider: 'kubernetes', operation: op, retryable: true });
    }
    if (!this.reachable) throw new ProviderError(`kubernetes: ${op} failed: EHOSTUNREACH`, { provider: 'kubernetes', operation: op, retryable: true });
  }

  isReachable(): Promise<boolean> {
    return Promise.resolve(this.reachable);
  }

  scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
    this.check('scale');
    const d = this.deployments.find((x) => x.namespace === namespace && x.name === name);
    if (!d) throw new ProviderError(`deployments.apps "${name}" not found`, { provider: 'kubernetes', operation: 'scale', retryable: false, status: 404 });
    d.replicas = replicas;
    d.available = replicas;
    return Promise.resolve();
  }

  fenceNamespace(namespace: string): Promise<number> {
    this.check('fence');
    const ds = this.deployments.filter((d) => d.namespace === namespace && d.replicas > 0);
    for (const d of ds) Object.assign(d, { fenced: d.replicas, replicas: 0, available: 0 });
    return Promise.resolve(ds.length);
  }

  unfenceNamespace(namespace: string): Promise<number> {
    this.check('unfence');
    const ds = this.deployments.filter((d) => d.namespace === namespace && d.fenced !== undefined);
    for (const d of ds) Object.assign(d, { replicas: d.fenced, available: d.fenced, fenced: undefined });
    return Promise.resolve(ds.length);
  }

  workloadReadiness(namespace: string): Promise<WorkloadReadiness> {
    this.check('list deployments');
    const ds = this.deployments.filter((d) => d.namespace === namespace);
    const notReady = ds.filter((d) => d.available < d.replicas).map((d) => `${d.name} (${d.available}/${d.replicas})`);
    return Promise.resolve({ namespace, deployments: ds.length, available: ds.length - notReady.length, notReady });
  }

  setStorageLocationAccess(_ns: string, location: string, mode: 'ReadWrite' | 'ReadOnly'): Promise<void> {
    this.check('patch storage location');
    this.locations.set(location, mode);
    return Promise.resolve();
  }

  pauseSchedules(_ns: string, paused: boolean): Promise<number> {
    this.check('pause schedules');
    const changed = this.schedulesPaused === paused ? 0 : 1;
    this.schedulesPaused = paused;
    return Promise.resolve(changed);
  }

  namespaceExists(namespace: string): Promise<boolean> {
    this.check('read namespace');
    return Promise.resolve(this.namespaces.has(namespace));
  }

  namespacesNamed(prefix: string): Promise<string[]> {
    this.check('list namespaces');
    return Promise.resolve([...this.namespaces].filter((n) => n.startsWith(prefix)));
  }

  deleteNamespace(namespace: string): Promise<void> {
    this.check('delete namespace');
    this.namespaces.delete(namespace);
    this.deployments.splice(0, this.deployments.length, ...this.deployments.filter((d) => d.namespace !== namespace));
    return Promise.resolve();
  }
}
