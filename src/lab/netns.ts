import { LAB_CIDR, type RegionNet } from './lab-config.js';
import { run, succeeds } from './exec.js';

/**
 * A region is a network namespace with its own loopback and one veth link to the host. Taking the host
 * end of the link down makes everything in the region (apiserver, ingress, Velero) unreachable for real,
 * and cuts the region's own path to MinIO.
 */
export async function createRegionNetwork(net: RegionNet): Promise<void> {
  // Traffic for the lab range must never leave the machine: with a link down it hits this route instead.
  await run('ip', ['route', 'replace', 'unreachable', LAB_CIDR, 'metric', '4000']);
  if (!(await succeeds('ip', ['netns', 'pids', net.netns]))) {
    await run('ip', ['netns', 'add', net.netns]);
  }
  if (!(await succeeds('ip', ['link', 'show', net.hostIf]))) {
    await run('ip', ['link', 'add', net.hostIf, 'type', 'veth', 'peer', 'name', net.nsIf]);
    await run('ip', ['link', 'set', net.nsIf, 'netns', net.netns]);
    await run('ip', ['addr', 'add', `${net.hostIp}/24`, 'dev', net.hostIf]);
    await inNs(net, ['ip', 'addr', 'add', `${net.regionIp}/24`, 'dev', net.nsIf]);
  }
  await run('ip', ['link', 'set', net.hostIf, 'up']);
  await inNs(net, ['ip', 'link', 'set', 'lo', 'up']);
  await inNs(net, ['ip', 'link', 'set', net.nsIf, 'up']);
}

export async function deleteRegionNetwork(net: RegionNet): Promise<void> {
  if (await succeeds('ip', ['link', 'show', net.hostIf])) await run('ip', ['link', 'del', net.hostIf]);
  if (await succeeds('ip', ['netns', 'pids', net.netns])) await run('ip', ['netns', 'del', net.netns]);
}

/** Cuts (`down`) or restores (`up`) the region's only link to the rest of the machine. */
export async function setRegionLink(net: RegionNet, state: 'up' | 'down'): Promise<void> {
  await run('ip', ['link', 'set', net.hostIf, state]);
}

export async function isRegionLinkUp(net: RegionNet): Promise<boolean> {
  const out = await run('ip', ['-o', 'link', 'show', net.hostIf]).catch(() => '');
  return /[<,]UP[,>]/.test(out);
}

export async function netnsExists(net: RegionNet): Promise<boolean> {
  return succeeds('ip', ['netns', 'pids', net.netns]);
}

async function inNs(net: RegionNet, cmd: string[]): Promise<string> {
  return run('ip', ['netns', 'exec', net.netns, ...cmd]);
}
