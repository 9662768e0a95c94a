/**
 * What the tools say when they take a CIB for display (Pacemaker's
 * cli_config_update): a CIB that opts out of schema validation is used as
 * it is, with a warning.
 */
import type { XmlElement } from '../cib/xml/node.js';

export const VALIDATION_DISABLED =
  'Schema validation of configuration is disabled (enabling is encouraged and prevents common misconfigurations)';

export function configUpdateWarnings(cib: XmlElement): string[] {
  return cib.attrs['validate-with']?.toLowerCase() === 'none' ? [VALIDATION_DISABLED] : [];
}
