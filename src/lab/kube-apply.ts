import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

/** A client for one lab region, from the lab kubeconfig and a context name. */
export function kubeConfigFor(kubeconfigFile: string, context?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigFile);
  if (context) kc.setCurrentContext(context);
  return kc;
}

/** Server-side applies each object (create or update, idempotent), as field manager `lifeboat-lab`. */
export async function applyObjects(kc: KubeConfig, objects: readonly KubernetesObject[]): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kc);
  for (const obj of objects) {
    await client.patch(obj, undefined, undefined, 'lifeboat-lab', true, PatchStrategy.ServerSideApply);
  }
}

/** Parses a multi-document YAML string into Kubernetes objects, skipping empty documents. */
export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => !!o && typeof o === 'object' && 'kind' in o);
}
