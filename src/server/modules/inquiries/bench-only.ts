import type { ServiceContext } from '../../context.js';

/**
 * The bench-only build of the inquiry route (bench/inquiry-bench.ts): the same code path with the
 * audit step of a successful query left out, to measure what the audit costs. It is switched on by
 * calling this function on a context object in the bench process; no configuration key, environment
 * variable or CLI flag reaches it, and `serve` never calls it. Refusals stay audited either way.
 */
const unaudited = new WeakSet<ServiceContext>();

export function disableInquiryAuditForBench(ctx: ServiceContext): void {
  unaudited.add(ctx);
}

export function inquiryAuditDisabled(ctx: ServiceContext): boolean {
  return unaudited.has(ctx);
}
