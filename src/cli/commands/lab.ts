import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { InputError } from '../../core/errors.js';
import { Lab } from '../../lab/lab.js';
import { LAB_FAULTS, LabFaults, type LabFault } from '../../lab/lab-faults.js';
import { REGIONS, type RegionName } from '../../lab/lab-config.js';
import type { LabStatus } from '../../lab/lab-status.js';

const progress = (m: string): void => {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
};

function regionArg(value: string): RegionName {
  if ((REGIONS as readonly string[]).includes(value)) return value as RegionName;
  throw new InputError([{ path: 'REGION', message: `unknown region "${value}"; expected one of ${REGIONS.join(', ')}` }]);
}

function faultArg(value: string): LabFault {
  if ((LAB_FAULTS as readonly string[]).includes(value)) return value as LabFault;
  throw new InputError([{ path: 'FAULT', message: `unknown fault "${value}"; expected one of ${LAB_FAULTS.join(', ')}` }]);
}

/** Renders lab status as a table for people, or JSON/YAML for programs. */
export function formatLabStatus(s: LabStatus, output: string): string {
  if (output === 'json') return `${JSON.stringify(s, null, 2)}\n`;
  if (output === 'yaml') return stringify(s);
  const rows = [['COMPONENT', 'STATE', 'ENDPOINT']];
  for (const r of s.regions) {
    rows.push([`${r.region} link`, r.link, '']);
    rows.push([`${r.region} apiserver`, r.apiserver.state, r.apiserver.url]);
    rows.push([`${r.region} ingress`, r.ingress.state, r.ingress.url]);
    const down = Object.entries(r.processes).filter(([, up]) => !up).map(([n]) => n);
    rows.push([`${r.region} processes`, down.length ? `stopped: ${down.join(',')}` : 'all running', '']);
  }
  rows.push(['minio', s.minio.state, s.minio.url], ['powerdns api', s.powerdns.api.state, s.powerdns.api.url], ['powerdns dns', '', s.powerdns.dns]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const table = rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
  return `${table}\n\nkubeconfig: ${s.kubeconfig} (contexts ${s.regions.map((r) => r.context).join(', ')})\nenv file:   ${s.envFile}\nhealthy:    ${s.healthy}\n`;
}

const outputOption = (): Option => new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'yaml']).default('table');

/** `lifeboat lab up|down|status|fail|heal|reset|build`: the local two-region lab. */
export function labCommand(): Command {
  const cmd = new Command('lab').description('run the local two-region lab (real apiservers, Velero, MinIO, PowerDNS)');
  cmd.command('build').description('build the lab components from pinned Go modules (cached by version)')
    .action(async () => { await new Lab(progress).build(); });
  cmd.command('up').description('start both regions, MinIO and PowerDNS; seed the demo platform').addOption(outputOption())
    .action(async (o: { output: string }) => { process.stdout.write(formatLabStatus(await new Lab(progress).up(), o.output)); });
  cmd.command('down').description('stop every lab process (data is kept for a warm up)')
    .action(async () => { await new Lab(progress).down(); });
  cmd.command('status').description('show each component, endpoint and the kubeconfig').addOption(outputOption())
    .action(async (o: { output: string }) => { process.stdout.write(formatLabStatus(await new Lab(progress).status(), o.output)); });
  cmd.command('fail').argument('<region>', 'region-a or region-b').description('make a region unreachable (its network link goes down)')
    .action(async (r: string) => { await new Lab(progress).fail(regionArg(r)); progress(`${r} is now unreachable`); });
  cmd.command('heal').argument('<region>', 'region-a or region-b').description('bring a failed region back')
    .action(async (r: string) => { await new Lab(progress).heal(regionArg(r)); progress(`${r} is reachable again`); });
  const fault = cmd.command('fault').description(`inject or clear a real fault: ${LAB_FAULTS.join(', ')}`);
  for (const verb of ['inject', 'clear'] as const) {
    fault.command(verb).argument('<fault>', LAB_FAULTS.join('|')).option('--region <region>', 'the region a region fault hits', 'region-a').option('--namespace <ns>', 'namespace-deleted: the namespace', 'production')
      .description(verb === 'inject' ? 'inject a fault (region-unreachable, apiserver-down, node-pool-gone take --region)' : 'clear a fault injected before')
      .action(async (f: string, o: { region: string; namespace: string }) => {
        const target = { fault: faultArg(f), region: regionArg(o.region), namespace: o.namespace };
        await new LabFaults()[verb](target);
        progress(`${verb === 'inject' ? 'injected' : 'cleared'} ${f}${['minio-down', 'dns-api-down'].includes(f) ? '' : ` in ${o.region}`}`);
      });
  }
  cmd.command('reset').description('stop the lab, wipe its state (not the build cache) and start it fresh').addOption(outputOption())
    .action(async (o: { output: string }) => { process.stdout.write(formatLabStatus(await new Lab(progress).reset(), o.output)); });
  return cmd;
}
