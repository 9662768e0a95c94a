/** Promotable clones: promotion scores, which instances are promoted, and the promote/demote actions. */
import type { Colocation } from '../../model/constraints.js';
import type { Resource } from '../../model/resource.js';
import { UnsupportedFeature } from '../../unpack/unsupported.js';

function unsupported(): never {
  throw new UnsupportedFeature('scheduling promotable clones is not supported yet');
}

export function addPromotionScores(_rsc: Resource): void {
  unsupported();
}
export function setInstanceRoles(_rsc: Resource): void {
  unsupported();
}
export function createPromotableActions(_rsc: Resource): void {
  unsupported();
}
export function orderPromotableInstances(_rsc: Resource): void {
  unsupported();
}
export function colocateWithPromotable(_dependent: Resource, _primary: Resource, _c: Colocation): void {
  unsupported();
}
