import { ApiError, apiErrorOf } from './api-error';
import type { EvidenceBundle, EvidenceVerdict, PlanDetail, PlanSummary, Posture, RunDetail, RunStarted, RunSummary, DrillRecord } from './types';

/** Called when the server says the token is no longer valid (401). */
export type OnUnauthenticated = (error: ApiError) => void;

/**
 * The dashboard's only way to the server: same-origin calls with `Authorization: Bearer <token>`.
 *
 * @example const plans = await new ApiClient(token).plans()
 */
export class ApiClient {
  constructor(
    readonly token: string,
    private readonly onUnauthenticated: OnUnauthenticated = () => undefined,
    readonly base = '',
  ) {}

  /** GET or POST JSON; throws ApiError on any non-2xx answer. */
  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (error) {
      throw new ApiError(0, 'unreachable', `the Lifeboat server cannot be reached (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!res.ok) {
      const error = await apiErrorOf(res);
      if (error.isUnauthenticated) this.onUnauthenticated(error);
      throw error;
    }
    return (await res.json()) as T;
  }

  /** A file of the API as a Blob (evidence downloads need the token, so no plain link can fetch them). */
  async blob(path: string): Promise<Blob> {
    const res = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok) throw await apiErrorOf(res);
    return res.blob();
  }

  plans = async (): Promise<PlanSummary[]> => (await this.request<{ plans: PlanSummary[] }>('GET', '/v1/plans')).plans;
  plan = (name: string): Promise<PlanDetail> => this.request('GET', `/v1/plans/${enc(name)}`);
  posture = (name: string, refresh = false): Promise<Posture> => this.request('GET', `/v1/plans/${enc(name)}/posture${refresh ? '?refresh=true' : ''}`);
  runs = async (plan?: string): Promise<RunSummary[]> => (await this.request<{ runs: RunSummary[] }>('GET', `/v1/runs${plan ? `?plan=${enc(plan)}` : ''}`)).runs;
  run = (runId: string): Promise<RunDetail> => this.request('GET', `/v1/runs/${enc(runId)}`);
  drills = (plan?: string): Promise<{ drills: DrillRecord[]; due: Array<{ plan: string; kind: string; state: string }> }> => this.request('GET', `/v1/drills${plan ? `?plan=${enc(plan)}` : ''}`);
  evidence = async (): Promise<EvidenceBundle[]> => (await this.request<{ bundles: EvidenceBundle[] }>('GET', '/v1/evidence')).bundles;
  verifyEvidence = (runId: string): Promise<EvidenceVerdict> => this.request('GET', `/v1/evidence/${enc(runId)}/verify`);

  startRun = (plan: string, kind: 'failover' | 'failback', reason: string): Promise<RunStarted> => this.request('POST', `/v1/plans/${enc(plan)}/${kind}`, { reason });
  startDrill = (plan: string, kind: 'component' | 'failover', reason: string): Promise<RunStarted> => this.request('POST', `/v1/plans/${enc(plan)}/drills/${kind}`, { reason });
  approve = (runId: string, o: { gate?: string; comment?: string }): Promise<unknown> => this.request('POST', `/v1/runs/${enc(runId)}/approve`, o);
  reject = (runId: string, o: { gate?: string; reason: string }): Promise<unknown> => this.request('POST', `/v1/runs/${enc(runId)}/reject`, o);
  abort = (runId: string, reason: string): Promise<unknown> => this.request('POST', `/v1/runs/${enc(runId)}/abort`, { reason });
}

const enc = encodeURIComponent;
