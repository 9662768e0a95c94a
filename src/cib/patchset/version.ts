/** The three numbers that order CIB versions, most significant first. */
export const VERSION_FIELDS = ['admin_epoch', 'epoch', 'num_updates'] as const;

/** The feature set Pacemaker 2.1.5 writes on the diffs it makes. */
export const CRM_FEATURE_SET = '3.16.1';
