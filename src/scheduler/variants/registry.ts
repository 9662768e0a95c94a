/** Each kind of resource's methods, by variant. */
import type { Variant } from '../model/resource.js';
import type { SchedulingMethods, StatusMethods } from '../model/variant.js';
import { UnsupportedFeature } from '../unpack/unsupported.js';
import { bundleMethods } from './bundle/index.js';
import { cloneMethods } from './clone/index.js';
import { groupMethods } from './group/index.js';
import { primitiveMethods } from './primitive/index.js';

export function methodsFor(variant: Variant): { fns: StatusMethods; cmds: SchedulingMethods } {
  switch (variant) {
    case 'primitive':
      return primitiveMethods;
    case 'group':
      return groupMethods;
    case 'clone':
      return cloneMethods;
    case 'bundle':
      return bundleMethods;
    default:
      throw new UnsupportedFeature(`${variant} resources are not supported yet`);
  }
}
