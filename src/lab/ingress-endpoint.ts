/**
 * A region's ingress endpoint for the lab's demo app. It runs inside the region's network namespace and
 * answers 200 only while the region's `production/web` Deployment has available replicas (read from that
 * region's own apiserver; `<ns>.app.lab.test` asks for namespace <ns> instead), else 503: "traffic is flowing" can be checked for real.
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

const cache = new Map<string, { at: number; available: number }>();

/**
 * A wildcard route, as real ingress controllers offer: `<namespace>.app.lab.test` reaches that namespace's
 * app (component drills probe their scratch copy so); any other host reaches the default namespace.
 */
function namespaceFor(host: string): string {
  const m = /^([a-z0-9-]+)\.app\.lab\.test(:\d+)?$/.exec(host);
  return m?.[1] ?? values.namespace ?? 'production';
}

async function availableReplicas(namespace: string): Promise<number> {
  const cached = cache.get(namespace);
  if (cached && Date.now() - cached.at < 1000) return cached.available;
  let available = 0;
  try {
    const d = await apps.readNamespacedDeployment({ name: values.deployment ?? 'web', namespace });
    available = d.status?.availableReplicas ?? 0;
  } catch {
    available = 0;
  }
  if (cache.size > 100) cache.clear();
  cache.set(namespace, { at: Date.now(), available });
  return available;
}

const server = createServer((req, res) => {
  const namespace = namespaceFor(req.headers.host ?? '');
  void availableReplicas(namespace).then((available) => {
    const body = { region: values.region, app: `${namespace}/${values.deployment}`, availableReplicas: available, host: req.headers.host ?? '', path: req.url ?? '/' };
    res.writeHead(available > 0 ? 200 : 503, { 'content-type': 'application/json', 'x-lifeboat-region': values.region ?? '' });
    res.end(JSON.stringify(body));
  });
});
server.listen(Number(port), host, () => {
  process.stdout.write(`ingress for ${values.region} listening on ${host}:${port}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => server.close(() => process.exit(0)));
