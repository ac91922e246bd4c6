import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

/** A client for one lab region, from the lab kubeconfig and a context name. */
export function kubeConfigFor(kubeconfigFile: string, context?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigFile);
  if (context) kc.setCurrentContext(context);
  return kc;
}

/**
 * KubernetesObjectApi that sends a manifest as written. The stock one serializes a known kind through
 * its typed model, which reads the model's own property names: a CRD's `x-kubernetes-int-or-string` or
 * `x-kubernetes-preserve-unknown-fields` (model name `x_kubernetes_...`) was silently dropped, and the
 * apiserver then refused Cluster API's MachineDeployment CRD (422) or pruned what Velero's keep.
 */
class ManifestApi extends KubernetesObjectApi {
  static forConfig(kc: KubeConfig): ManifestApi {
    const client = kc.makeApiClient(ManifestApi);
    client.setDefaultNamespace(kc);
    return client;
  }

  protected override getSerializationType(): Promise<string> {
    return Promise.resolve('KubernetesObject');
  }
}

/** Server-side applies each object (create or update, idempotent), as field manager `lifeboat-lab`. */
export async function applyObjects(kc: KubeConfig, objects: readonly KubernetesObject[]): Promise<void> {
  const client = ManifestApi.forConfig(kc);
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
