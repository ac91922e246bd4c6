import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PORTS, type RegionName, type RegionNet, regionNet, repoRoot } from './lab-config.js';
import type { LabPki } from './pki.js';
import type { ProcessSpec } from './supervisor.js';

export interface RegionPlan {
  region: RegionName;
  net: RegionNet;
  dir: string;
  /** kubeconfig used by the region's own components (server on the namespace's loopback). */
  internalKubeconfig: string;
  processes: ProcessSpec[];
}

/**
 * The programs that make one region, in start order: etcd, kube-apiserver, controller-manager, scheduler,
 * kwok (fake nodes), the ingress endpoint; Velero is added once its CRDs are installed (see velero.ts).
 */
export function regionProcesses(region: RegionName, runDir: string, pki: LabPki, bin: Record<string, string>): RegionPlan {
  const net = regionNet(region);
  const dir = join(runDir, region);
  mkdirSync(dir, { recursive: true });
  const internalKubeconfig = join(dir, 'internal.kubeconfig');
  const serving = pki.serving(region);
  const name = (n: string): string => `${region}-${n}`;
  const processes: ProcessSpec[] = [
    {
      name: name('etcd'),
      netns: net.netns,
      command: bin.etcd ?? '',
      args: [
        '--name', region, '--data-dir', join(dir, 'etcd'),
        '--listen-client-urls', 'http://127.0.0.1:2379', '--advertise-client-urls', 'http://127.0.0.1:2379',
        '--listen-peer-urls', 'http://127.0.0.1:2380', '--initial-advertise-peer-urls', 'http://127.0.0.1:2380',
        '--initial-cluster', `${region}=http://127.0.0.1:2380`, '--listen-metrics-urls', 'http://127.0.0.1:2381',
        // A lab on a shared disk: durability of a crash-consistent etcd is not what is being tested.
        '--unsafe-no-fsync', '--quota-backend-bytes', String(2 * 1024 ** 3), '--log-level', 'warn',
      ],
    },
    {
      name: name('kube-apiserver'),
      netns: net.netns,
      command: bin.kubeApiserver ?? '',
      args: [
        '--etcd-servers', 'http://127.0.0.1:2379',
        '--bind-address', '0.0.0.0', '--secure-port', String(PORTS.apiserver), '--advertise-address', net.regionIp,
        '--tls-cert-file', serving.cert, '--tls-private-key-file', serving.key, '--client-ca-file', pki.caCert,
        '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file', pki.saPub, '--service-account-signing-key-file', pki.saKey,
        '--service-cluster-ip-range', '10.96.0.0/16', '--authorization-mode', 'RBAC',
        '--allow-privileged=true', '--profiling=false', '--v=0',
      ],
    },
    {
      name: name('kube-controller-manager'),
      netns: net.netns,
      command: bin.kubeControllerManager ?? '',
      args: [
        '--kubeconfig', internalKubeconfig, '--authentication-kubeconfig', internalKubeconfig, '--authorization-kubeconfig', internalKubeconfig,
        '--service-account-private-key-file', pki.saKey, '--root-ca-file', pki.caCert,
        '--cluster-signing-cert-file', pki.caCert, '--cluster-signing-key-file', pki.caKey,
        '--leader-elect=false', '--bind-address', '127.0.0.1', '--profiling=false', '--v=0',
      ],
    },
    {
      name: name('kube-scheduler'),
      netns: net.netns,
      command: bin.kubeScheduler ?? '',
      args: [
        '--kubeconfig', internalKubeconfig, '--authentication-kubeconfig', internalKubeconfig, '--authorization-kubeconfig', internalKubeconfig,
        '--leader-elect=false', '--bind-address', '127.0.0.1', '--profiling=false', '--v=0',
      ],
    },
    {
      name: name('kwok'),
      netns: net.netns,
      command: bin.kwok ?? '',
      args: [
        '--kubeconfig', internalKubeconfig, '--config', join(repoRoot, 'lab', 'kwok-stages.yaml'),
        '--manage-all-nodes=false', '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--node-ip', net.regionIp, '--cidr', '10.244.0.0/16', '--node-lease-duration-seconds', '40',
        '--server-address', '127.0.0.1:10247',
      ],
    },
    {
      name: name('ingress'),
      netns: net.netns,
      cwd: repoRoot,
      command: process.execPath,
      args: ['--import', 'tsx', join(repoRoot, 'src', 'lab', 'ingress-endpoint.ts'),
        '--kubeconfig', internalKubeconfig, '--region', region, '--listen', `${net.regionIp}:${PORTS.ingress}`],
    },
  ];
  return { region, net, dir, internalKubeconfig, processes };
}
