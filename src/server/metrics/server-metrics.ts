import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The server's own Prometheus series (`lifeboat_` prefix, seconds, `_total` counters), registered
 * in the same registry as the posture gauges so one scrape has both.
 */
export class ServerMetrics {
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'method' | 'route'>;
  readonly authFailures: Counter<'reason'>;
  readonly runsStarted: Counter<'plan' | 'kind'>;
  readonly alerts: Counter<'plan' | 'action'>;
  readonly postureRefreshes: Counter<'plan' | 'result'>;
  readonly drillsDue: Gauge<'plan' | 'kind'>;
  readonly leader: Gauge;
  readonly plansLoaded: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({ name: 'lifeboat_http_requests_total', help: 'HTTP requests answered, by route template and status.', labelNames: ['method', 'route', 'status'], registers });
    this.duration = new Histogram({ name: 'lifeboat_http_request_duration_seconds', help: 'Time to answer an HTTP request.', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10], registers });
    this.authFailures = new Counter({ name: 'lifeboat_http_auth_failures_total', help: 'Requests refused by authentication or authorization.', labelNames: ['reason'], registers });
    this.runsStarted = new Counter({ name: 'lifeboat_runs_started_total', help: 'Runs the server started (failover, failback, drills).', labelNames: ['plan', 'kind'], registers });
    this.alerts = new Counter({ name: 'lifeboat_alert_decisions_total', help: 'Trigger decisions on Alertmanager alerts per plan.', labelNames: ['plan', 'action'], registers });
    this.postureRefreshes = new Counter({ name: 'lifeboat_posture_refreshes_total', help: 'Posture evaluations by the scheduler or on request.', labelNames: ['plan', 'result'], registers });
    this.drillsDue = new Gauge({ name: 'lifeboat_drill_due', help: '1 when a kind of drill is due (overdue or never run) for a plan.', labelNames: ['plan', 'kind'], registers });
    this.leader = new Gauge({ name: 'lifeboat_server_leader', help: '1 when this replica leads (runs the scheduler and starts runs).', registers });
    this.plansLoaded = new Gauge({ name: 'lifeboat_server_plans_loaded', help: 'Plans the server has loaded.', registers });
  }
}
