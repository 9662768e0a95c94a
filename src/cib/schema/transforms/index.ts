/** The stylesheets that carry a CIB from the last schema of a major series to the next series. */
import type { XmlElement } from '../../xml/node.js';
import type { UpgradeLog } from '../upgrade.js';
import { SCHEMA_NAMES } from '../versions.js';
import { upgrade13 } from './upgrade-1.3.js';
import { upgrade210 } from './upgrade-2.10.js';

/** A series' upgrade: the upgraded copy, or null when the stylesheet failed. */
export type Transform = (cib: XmlElement, log: UpgradeLog[]) => XmlElement | null;

export function transformFor(index: number): Transform {
  switch (SCHEMA_NAMES[index]) {
    case 'pacemaker-1.3':
      return upgrade13;
    case 'pacemaker-2.10':
      return upgrade210;
    default:
      throw new Error(`no upgrade stylesheet for ${SCHEMA_NAMES[index]}`);
  }
}
