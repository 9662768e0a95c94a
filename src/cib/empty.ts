/**
 * A new, empty CIB as Pacemaker makes one (cibadmin --empty, crm_shadow
 * --create-empty, the base of --erase).
 */
import { CRM_FEATURE_SET } from '../cli/version.js';
import { XmlElement } from './xml/node.js';

/** The newest schema pacer writes into new CIBs. */
export const LATEST_SCHEMA = 'pacemaker-3.9';

export function createEmptyCib(epoch: number, validateWith: string = LATEST_SCHEMA): XmlElement {
  const cib = new XmlElement('cib', {
    crm_feature_set: CRM_FEATURE_SET,
    'validate-with': validateWith,
    epoch: String(epoch),
    num_updates: '0',
    admin_epoch: '0',
  });
  const config = cib.add('configuration');
  cib.add('status');
  for (const section of ['crm_config', 'nodes', 'resources', 'constraints']) config.add(section);
  return cib;
}
