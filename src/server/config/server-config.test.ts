import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import { parseServerConfig } from './server-config.js';

const minimal = 'apiVersion: lifeboat.dev/v1alpha1\nkind: ServerConfig\nspec:\n  plans: /etc/lifeboat/plans\n';

describe('parseServerConfig', () => {
  it('fills the defaults: loopback address, scheduler on every 5m, 10 auth failures a minute', () => {
    const sut = parseServerConfig(minimal, 'serve.yaml');

    expect(sut.spec).toMatchObject({ listen: '127.0.0.1:7480', plans: ['/etc/lifeboat/plans'], authFailuresPerMinute: 10, scheduler: { enabled: true, startDrills: true } });
    expect(sut.spec.scheduler.postureInterval.equals(Duration.minutes(5))).toBe(true);
  });

  it.each([
    ['a wrong kind', minimal.replace('ServerConfig', 'DRPlan'), 'kind', 'serve.yaml:2:7'],
    ['an unknown field', `${minimal}  listn: ":80"\n`, 'spec.listn', 'serve.yaml:5:3'],
    ['a bad address', `${minimal}  listen: "localhost"\n`, 'spec.listen', 'serve.yaml:5:11'],
    ['a too short interval', `${minimal}  scheduler: { postureInterval: 10ms }\n`, 'spec.scheduler.postureInterval', 'serve.yaml:5:33'],
    ['no plans', 'apiVersion: lifeboat.dev/v1alpha1\nkind: ServerConfig\nspec: {}\n', 'spec.plans', 'serve.yaml:3:7'],
  ])('names the field and file:line:column of %s', (_what, text, path, location) => {
    const sut = (): unknown => parseServerConfig(text, 'serve.yaml');

    expect(sut).toThrow(InputError);
    try {
      sut();
    } catch (error) {
      expect((error as InputError).issues[0]).toMatchObject({ path, location });
    }
  });

  it('reports YAML syntax errors with their position', () => {
    expect(() => parseServerConfig('spec: [unclosed\n', 'serve.yaml')).toThrow(/YAML syntax error.*\(serve\.yaml:\d+:\d+\)/);
  });
});
