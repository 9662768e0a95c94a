/** What a status display shows: sections, and how (Pacemaker's section and show options). */

export const Section = {
  Stack: 1 << 0,
  Dc: 1 << 1,
  Times: 1 << 2,
  Counts: 1 << 3,
  Options: 1 << 4,
  Nodes: 1 << 5,
  Resources: 1 << 6,
  Attributes: 1 << 7,
  Failcounts: 1 << 8,
  Operations: 1 << 9,
  FenceFailed: 1 << 10,
  FencePending: 1 << 11,
  FenceWorked: 1 << 12,
  Tickets: 1 << 13,
  Bans: 1 << 14,
  Failures: 1 << 15,
  MaintMode: 1 << 16,
} as const;

export const SECTION_SUMMARY = Section.Stack | Section.Dc | Section.Times | Section.Counts | Section.MaintMode;
export const SECTION_FENCING = Section.FenceFailed | Section.FencePending | Section.FenceWorked;
export const SECTION_ALL = (1 << 17) - 1;

/** Section names for --include and --exclude. */
export const SECTION_NAMES: Record<string, number> = {
  attributes: Section.Attributes,
  bans: Section.Bans,
  counts: Section.Counts,
  dc: Section.Dc,
  failcounts: Section.Failcounts,
  failures: Section.Failures,
  fencing: SECTION_FENCING,
  'fencing-failed': Section.FenceFailed,
  'fencing-pending': Section.FencePending,
  'fencing-succeeded': Section.FenceWorked,
  'maint-mode': Section.MaintMode,
  nodes: Section.Nodes,
  operations: Section.Operations,
  options: Section.Options,
  resources: Section.Resources,
  stack: Section.Stack,
  summary: SECTION_SUMMARY,
  tickets: Section.Tickets,
  times: Section.Times,
};

export const Show = {
  Brief: 1 << 0,
  CloneDetail: 1 << 1,
  NodeId: 1 << 2,
  ImplicitRscs: 1 << 3,
  Timing: 1 << 4,
  InactiveRscs: 1 << 5,
  RscsByNode: 1 << 6,
  Pending: 1 << 7,
  RscOnly: 1 << 8,
  FailedDetail: 1 << 9,
  FeatureSet: 1 << 10,
} as const;

/** What --show-detail turns on. */
export const SHOW_DETAILS = Show.CloneDetail | Show.NodeId | Show.ImplicitRscs | Show.FailedDetail | Show.FeatureSet;

export interface StatusView {
  sections: number;
  show: number;
  /** Node names to show ("*" for all). */
  onlyNodes: string[];
  /** Resource ids to show ("*" for all). */
  onlyRscs: string[];
  /** Only negative location constraints whose id starts with this. */
  banPrefix?: string;
}

/** Whether a name is in a filter list ("*" matches anything). */
export function inList(name: string | undefined, list: string[], ignoreCase = false): boolean {
  if (name === undefined) return false;
  for (const item of list) {
    if (item === '*') return true;
    if (ignoreCase ? item.toLowerCase() === name.toLowerCase() : item === name) return true;
  }
  return false;
}
