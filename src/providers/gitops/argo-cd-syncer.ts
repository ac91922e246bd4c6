import { CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { StepFailure } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import type { Clock } from '../../core/ports/clock.js';
import type { GitOpsSyncer } from '../../core/ports/gitops-syncer.js';
import type { Json } from '../../core/runbook/json.js';
import { kubeError } from '../kubernetes/kube-error.js';
import { SYNC_OPERATION, syncVerdict, type ArgoCdApplication } from './argo-cd-application.js';

const POLL = Duration.seconds(2);

export interface ArgoCdSyncerConfig {
  /** The region's cluster, where its Argo CD runs (the plan region's context). */
  kubeConfig: KubeConfig;
  /** Argo CD's namespace, where its Application objects live (spec.gitops.argocd.namespace). */
  namespace: string;
  clock: Clock;
}

/**
 * Syncs Argo CD Applications through their custom resources, the way the Argo CD API server does
 * for `argocd app sync`: it writes `operation` on the Application and the application controller
 * runs it. Applications already Synced and Healthy are skipped, one with an operation in flight is
 * waited for; then it polls until each is Synced and Healthy or its sync ends Failed/Error.
 */
export class ArgoCdSyncer implements GitOpsSyncer {
  private readonly api: CustomObjectsApi;

  constructor(kubeConfig: KubeConfig, private readonly namespace: string, private readonly clock: Clock) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  static fromConfig(config: ArgoCdSyncerConfig): ArgoCdSyncer {
    return new ArgoCdSyncer(config.kubeConfig, config.namespace, config.clock);
  }

  async sync(applications: readonly string[], options: { signal: AbortSignal }): Promise<Json> {
    const requested: string[] = [];
    const inFlight: string[] = [];
    for (const name of applications) {
      const verdict = syncVerdict(await this.get(name), false);
      if (verdict.kind === 'needs-sync') await this.requestSync(name);
      if (verdict.kind === 'needs-sync') requested.push(name);
      if (verdict.kind === 'in-flight') inFlight.push(name);
    }
    const waiting = new Set([...requested, ...inFlight]);
    while (waiting.size > 0) {
      await this.clock.sleep(POLL, options.signal);
      for (const name of [...waiting]) {
        if (await this.settled(name)) waiting.delete(name);
      }
    }
    const alreadySynced = applications.filter((a) => !requested.includes(a) && !inFlight.includes(a));
    return { namespace: this.namespace, applications: [...applications], requested, inFlight, alreadySynced };
  }

  /** True once the Application is Synced and Healthy; throws when its sync failed. */
  private async settled(name: string): Promise<boolean> {
    const verdict = syncVerdict(await this.get(name), true);
    if (verdict.kind === 'failed') {
      throw Object.assign(new StepFailure('gitops-sync', `Argo CD Application ${this.namespace}/${name} failed to sync: ${verdict.message}; inspect it with: argocd app get ${name}`), { retryable: false });
    }
    return verdict.kind === 'done';
  }

  private async get(name: string): Promise<ArgoCdApplication> {
    try {
      return (await this.api.getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace: this.namespace, plural: 'applications', name })) as ArgoCdApplication;
    } catch (error) {
      throw kubeError(error, 'argocd', `get application ${name}`);
    }
  }

  private async requestSync(name: string): Promise<void> {
    try {
      await this.api.patchNamespacedCustomObject(
        { group: 'argoproj.io', version: 'v1alpha1', namespace: this.namespace, plural: 'applications', name, body: SYNC_OPERATION },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    } catch (error) {
      throw kubeError(error, 'argocd', `request sync of ${name}`);
    }
  }
}
