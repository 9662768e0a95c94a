/**
 * A new, empty CIB as Pacemaker makes one (cibadmin --empty, crm_shadow
 * --create-empty, the base of --erase).
 */
import { CRM_FEATURE_SET } from '../cli/version.js';
import { latestSchemaVersion } from './schema/versions.js';
import { XmlElement } from './xml/node.js';

export function createEmptyCib(epoch: number, validateWith: string = latestSchemaVersion): XmlElement {
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
