/**
 * A region's ingress endpoint for the lab's demo app. It runs inside the region's network namespace and
 * answers 200 only while the region's `production/web` Deployment has available replicas (read from that
 * region's own apiserver), else 503: "traffic is flowing" can be checked for real.
 *
 * Usage: node --import tsx src/lab/ingress-endpoint.ts --kubeconfig FILE --region NAME --listen IP:PORT
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { AppsV1Api } from '@kubernetes/client-node';
import { kubeConfigFor } from './kube-apply.js';

const { values } = parseArgs({
  options: { kubeconfig: { type: 'string' }, region: { type: 'string' }, listen: { type: 'string' }, namespace: { type: 'string', default: 'production' }, deployment: { type: 'string', default: 'web' } },
});
const [host, port] = (values.listen ?? '127.0.0.1:8080').split(':');
const apps = kubeConfigFor(values.kubeconfig ?? '').makeApiClient(AppsV1Api);

let cached: { at: number; available: number } | undefined;

async function availableReplicas(): Promise<number> {
  if (cached && Date.now() - cached.at < 1000) return cached.available;
  try {
    const d = await apps.readNamespacedDeployment({ name: values.deployment ?? 'web', namespace: values.namespace ?? 'production' });
    cached = { at: Date.now(), available: d.status?.availableReplicas ?? 0 };
  } catch {
    cached = { at: Date.now(), available: 0 };
  }
  return cached.available;
}

const server = createServer((req, res) => {
  void availableReplicas().then((available) => {
    const body = { region: values.region, app: `${values.namespace}/${values.deployment}`, availableReplicas: available, host: req.headers.host ?? '', path: req.url ?? '/' };
    res.writeHead(available > 0 ? 200 : 503, { 'content-type': 'application/json', 'x-lifeboat-region': values.region ?? '' });
    res.end(JSON.stringify(body));
  });
});
server.listen(Number(port), host, () => {
  process.stdout.write(`ingress for ${values.region} listening on ${host}:${port}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => server.close(() => process.exit(0)));
