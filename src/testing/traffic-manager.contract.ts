import { afterEach, describe, expect, it } from 'vitest';
import { Duration } from '../core/objectives/duration.js';
import type { TrafficManager } from '../core/ports/traffic-manager.js';

/** A TrafficManager over a record that does not exist yet, and how to tear its backend down. */
export interface TrafficManagerFixture {
  sut: TrafficManager;
  /** Two addresses the record may answer with (region A's and region B's ingress). */
  a: string;
  b: string;
  /** false for providers without weighted answers (Cloudflare DNS): `weigh` must refuse a split. */
  weighted: boolean;
  close(): Promise<void>;
}

/**
 * The behaviour every TrafficManager shares: run against the hosted providers' loopback fakes (unit) and
 * PowerDNS (lab). Every change is idempotent and `current` reads back what was set.
 */
export function trafficManagerContract(name: string, setup: () => Promise<TrafficManagerFixture>): void {
  describe(`TrafficManager contract: ${name}`, () => {
    const open: TrafficManagerFixture[] = [];
    const start = async (): Promise<TrafficManagerFixture> => {
      const f = await setup();
      open.push(f);
      return f;
    };
    afterEach(async () => { await Promise.all(open.splice(0).map((f) => f.close())); });

    it('answers undefined before the record exists, then what pointTo set', async () => {
      const { sut, a } = await start();
      const before = await sut.current();

      await sut.pointTo([a], Duration.seconds(60));

      expect(before).toBeUndefined();
      expect(await sut.current()).toEqual({ targets: [a], ttl: Duration.seconds(60) });
    });

    it('moves the record from one target to the other, and pointing twice changes nothing', async () => {
      const { sut, a, b } = await start();
      await sut.pointTo([a], Duration.seconds(60));

      await sut.pointTo([b], Duration.seconds(30));
      await sut.pointTo([b], Duration.seconds(30));

      expect(await sut.current()).toEqual({ targets: [b], ttl: Duration.seconds(30) });
    });

    it('treats a single 100% weight as pointTo', async () => {
      const { sut, a, b } = await start();

      await sut.weigh({ [a]: 0, [b]: 100 }, Duration.seconds(60));

      expect(await sut.current()).toEqual({ targets: [b], ttl: Duration.seconds(60) });
    });

    it('splits by weight and returns to a plain answer, or refuses a split it cannot make', async () => {
      const { sut, a, b, weighted } = await start();
      await sut.pointTo([a], Duration.seconds(60));

      const split = await sut.weigh({ [a]: 90, [b]: 10 }, Duration.seconds(60)).then(() => sut.current(), (e: unknown) => e);
      await sut.pointTo([b], Duration.seconds(60));

      if (weighted) expect(split).toMatchObject({ targets: [a, b], weights: { [a]: 90, [b]: 10 } });
      else expect(split).toMatchObject({ name: 'ProviderError', retryable: false });
      expect(await sut.current()).toEqual({ targets: [b], ttl: Duration.seconds(60) });
    });
  });
}
