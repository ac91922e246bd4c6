import type { DRPlan } from '../core/plan/schema.js';
import type { Pager } from '../server/alerts/alert-intake.js';
import type { Logger } from '../server/logger.js';
import { notificationChannels } from './notification-channels.js';

/**
 * Pages people about a plan's alerts through its notification channels subscribed to
 * `posture-breach` (the event for "recovery is at risk, nothing started yet"). A channel that fails
 * is logged by name, never by URL or key.
 */
export function channelPager(o: { env: NodeJS.ProcessEnv; logger: Logger; timeoutMs?: number }): Pager {
  return async (loaded, decision) => {
    const plan: DRPlan = loaded.plan;
    const channels = notificationChannels(plan, o.env).filter((c) => !c.events || c.events.includes('posture-breach'));
    const message = {
      event: 'posture-breach' as const,
      title: `${plan.metadata.name}: ${decision.region ?? 'a region'} looks down (Alertmanager), no failover started`,
      text: `Alertmanager reports ${decision.failing} failing check(s) from ${decision.vantagePoints.join(', ') || 'no counted vantage point'}. ${decision.reason}. Start a failover with POST /v1/plans/${plan.metadata.name}/failover if this is an outage.`,
      fields: { plan: plan.metadata.name, region: decision.region ?? '', decision: decision.action, failing: String(decision.failing) },
      severity: 'warning' as const,
      key: `lifeboat-alert-${plan.metadata.name}`,
    };
    await Promise.all(channels.map(async (c) => {
      try {
        await c.connect().send(message);
      } catch (error) {
        o.logger.warn({ plan: plan.metadata.name, channel: c.name, err: error instanceof Error ? error.message : String(error) }, 'paging through a channel failed');
      }
    }));
  };
}
