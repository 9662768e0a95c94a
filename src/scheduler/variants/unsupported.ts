/**
 * Scheduling methods for kinds of resources whose status is understood but
 * whose scheduling is not built yet: every call fails plainly.
 */
import type { SchedulingMethods } from '../model/variant.js';
import { UnsupportedFeature } from '../unpack/unsupported.js';

export function unsupportedScheduling(variant: string): SchedulingMethods {
  return new Proxy({} as SchedulingMethods, {
    get: () => () => {
      throw new UnsupportedFeature(`scheduling ${variant} resources is not supported yet`);
    },
  });
}
