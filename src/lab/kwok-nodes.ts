import type { V1Node } from '@kubernetes/client-node';

/** A fake node managed by kwok (annotation kwok.x-k8s.io/node=fake): pods bound to it reach Running. */
export function kwokNode(region: string, index: number, size: { cpu: string; memory: string; pods: string } = { cpu: '8', memory: '32Gi', pods: '110' }): V1Node {
  const name = `kwok-${region}-${index}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        type: 'kwok',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/region': region,
        'lifeboat.dev/lab-node': 'true',
      },
    },
    spec: {},
    status: {
      allocatable: size,
      capacity: size,
      nodeInfo: {
        architecture: 'amd64', operatingSystem: 'linux', kubeletVersion: 'fake', kubeProxyVersion: 'fake',
        bootID: '', containerRuntimeVersion: '', kernelVersion: '', machineID: '', osImage: '', systemUUID: '',
      },
      phase: 'Running',
    },
  };
}
