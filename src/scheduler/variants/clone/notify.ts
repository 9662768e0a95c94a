/** Clone notifications (notify=true): pre and post notify actions around starts, stops, promotions and demotions. */
import type { Action } from '../../model/action.js';
import { RscFlag } from '../../model/flags.js';
import type { Resource } from '../../model/resource.js';
import { UnsupportedFeature } from '../../unpack/unsupported.js';

export interface NotifyData {
  pre: Action;
}

export function createNotifyPseudoOps(rsc: Resource, _task: string, _action: Action, _complete: Action): NotifyData | null {
  if (!rsc.is(RscFlag.Notify)) return null;
  throw new UnsupportedFeature('clone notifications are not supported yet');
}

export function orderNotifyPhases(_stop: NotifyData | null, _start: NotifyData | null): void {}

export function createCloneNotifications(_rsc: Resource): void {}

export function orderPromotableNotifyPhases(_rsc: Resource, _promote: NotifyData | null, _demote: NotifyData | null): void {}
