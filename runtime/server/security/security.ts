import { Counter, Gauge, type Registry } from 'prom-client';
import { passwordPool } from '../auth/passwords.ts';
import { BodyBudget } from './bodyBudget.ts';
import { clientAddress, trustedSet } from './clientAddress.ts';
import type { SecurityConfig } from './config.ts';
import { MemoryCounters, type Counters } from './counters.ts';
import { SignInThrottle } from './signInThrottle.ts';
import { RateLimit } from '../live/rateLimit.ts';

/** Names of the limits, as counted in `tributary_limit_refusals_total{limit}` (docs/security.md). */
export type LimitName =
  | 'signin-throttled'
  | 'signin-busy'
  | 'body-budget'
  | 'visitor-sockets'
  | 'new-conversations'
  | 'livechat-requests'
  | 'widget-beacons'
  | 'signin-hash-budget'
  | 'bad-origin'
  | 'nesting';

/** The protections of one server: configuration, counters, the sign-in throttle, the body budget and their metrics. */
export function createSecurity(config: SecurityConfig, registry: Registry, counters: Counters = new MemoryCounters()) {
  const trusted = trustedSet(config.trustedProxies);
  const refusals = new Counter({
    name: 'tributary_limit_refusals_total',
    help: 'Requests, sockets and messages refused by a protective limit',
    labelNames: ['limit'],
    registers: [registry],
  });
  const budget = new BodyBudget(config.bodyBudgetBytes, () => refusals.inc({ limit: 'body-budget' }));
  new Gauge({
    name: 'tributary_body_bytes_in_flight',
    help: 'Request body bytes reserved against the body budget now',
    registers: [registry],
    collect() {
      this.set(budget.inFlight);
    },
  });
  new Gauge({
    name: 'tributary_password_hash_queue',
    help: 'Password hashes waiting for a hashing thread',
    registers: [registry],
    collect() {
      this.set(passwordPool().waiting);
    },
  });
  // Per process: the CPU it guards is this node's. 0: no budget (test harnesses).
  const hashes =
    config.signInHashesPerSec > 0 ? new RateLimit(config.signInHashesPerSec, config.signInHashesPerSec * 2) : undefined;
  return {
    config,
    counters,
    /** Takes one password hash from the global budget; false past it (`signin-hash-budget`). */
    hashBudget(now: number): boolean {
      if (!hashes || hashes.take(now)) return true;
      refusals.inc({ limit: 'signin-hash-budget' });
      return false;
    },
    budget,
    throttle: new SignInThrottle(counters, {
      perAccount: config.signInFailuresPerAccount,
      perAddress: config.signInFailuresPerAddress,
    }),
    clientAddress: (peer: string, forwardedFor: string | undefined) => clientAddress(peer, forwardedFor, trusted),
    refused: (limit: LimitName) => refusals.inc({ limit }),
    /** Counts a widget beacon from `address`; false past its minute's limit (`widget-beacons`). */
    beacon(address: string, now: number): boolean {
      if (counters.add(`beacon:addr:${address}`, 60_000, now).count <= config.beaconsPerAddressPerMin) return true;
      refusals.inc({ limit: 'widget-beacons' });
      return false;
    },
  };
}

export type Security = ReturnType<typeof createSecurity>;
