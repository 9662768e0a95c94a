/** Versions reported to clients: Pacemaker's, for compatibility probes, and pacer's own. */
export const PACEMAKER_VERSION = '2.1.5';
export const PACER_VERSION = '0.1.0';
/**
 * CIB feature set written into crm_feature_set: what the reference build of
 * Pacemaker 2.1.5 reports (`cibadmin --empty`). A CIB whose feature set is
 * newer is refused on update, as Pacemaker refuses it.
 */
export const CRM_FEATURE_SET = '3.16.1';

export function versionText(): string {
  return `Pacemaker ${PACEMAKER_VERSION}\npacer ${PACER_VERSION}, a Pacemaker-compatible cluster resource manager\n`;
}
