/** Groups of Kubernetes' own APIs whose names contain a dot; any other dotted group is a custom resource. */
const BUILTIN_GROUPS = new Set([
  'rbac.authorization.k8s.io', 'networking.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io', 'admissionregistration.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'node.k8s.io', 'certificates.k8s.io', 'events.k8s.io',
  'flowcontrol.apiserver.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'apiregistration.k8s.io', 'metrics.k8s.io',
]);

/** Short and singular names kubectl users write, to Velero's plural resource names. */
const ALIASES: Readonly<Record<string, string>> = {
  deploy: 'deployments', deployment: 'deployments', sts: 'statefulsets', statefulset: 'statefulsets', ds: 'daemonsets',
  daemonset: 'daemonsets', rs: 'replicasets', replicaset: 'replicasets', job: 'jobs', cj: 'cronjobs', cronjob: 'cronjobs',
  po: 'pods', pod: 'pods', sa: 'serviceaccounts', serviceaccount: 'serviceaccounts', svc: 'services', service: 'services',
  cm: 'configmaps', configmap: 'configmaps', secret: 'secrets', pvc: 'persistentvolumeclaims', persistentvolumeclaim: 'persistentvolumeclaims',
  pv: 'persistentvolumes', persistentvolume: 'persistentvolumes', ing: 'ingresses', ingress: 'ingresses', role: 'roles',
  rolebinding: 'rolebindings', clusterrole: 'clusterroles', clusterrolebinding: 'clusterrolebindings',
  crd: 'customresourcedefinitions', crds: 'customresourcedefinitions', customresourcedefinition: 'customresourcedefinitions',
};

/**
 * The resources a backup holds, from Velero's includedResources/excludedResources. Names are
 * normalised (`deploy`, `deployments.apps` and `Deployments` are one resource); an empty include
 * list or `*` means every resource, as in Velero.
 *
 * @example new ResourceSet(['deployments.apps'], []).has('deployments') // true
 */
export class ResourceSet {
  private readonly included: ReadonlySet<string>;
  private readonly excluded: ReadonlySet<string>;
  readonly everything: boolean;

  constructor(included: readonly string[], excluded: readonly string[]) {
    this.included = new Set(included.map(canonicalResource));
    this.excluded = new Set(excluded.map(canonicalResource));
    this.everything = included.length === 0 || this.included.has('*');
  }

  has(resource: string): boolean {
    const name = canonicalResource(resource);
    if (this.excluded.has('*') || this.excluded.has(name)) return false;
    return this.everything || this.included.has(name);
  }

  /** Custom resources named explicitly (`certificates.cert-manager.io`); none when everything is included. */
  customResources(): string[] {
    return [...this.included].filter((r) => r.includes('.') && !this.excluded.has(r));
  }
}

/** `Deployments.apps` -> `deployments`; custom resources keep their group. */
export function canonicalResource(resource: string): string {
  const lower = resource.trim().toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? '' : lower.slice(dot + 1);
  const plural = ALIASES[name] ?? name;
  return group === '' || !group.includes('.') || BUILTIN_GROUPS.has(group) ? plural : `${plural}.${group}`;
}
