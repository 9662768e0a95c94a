/** Bit flags of resources, actions and orderings (Pacemaker's values). */

export const RscFlag = {
  Orphan: 0x1,
  Managed: 0x2,
  Block: 0x4,
  OrphanContainerFiller: 0x8,
  Notify: 0x10,
  Unique: 0x20,
  FenceDevice: 0x40,
  Promotable: 0x80,
  Provisional: 0x100,
  Allocating: 0x200,
  Merging: 0x400,
  Restarting: 0x800,
  Stop: 0x1000,
  Reload: 0x2000,
  AllowRemoteRemotes: 0x4000,
  Critical: 0x8000,
  Failed: 0x10000,
  Runnable: 0x40000,
  StartPending: 0x80000,
  Starting: 0x100000,
  Stopping: 0x200000,
  StopUnexpected: 0x400000,
  AllowMigrate: 0x800000,
  FailureIgnored: 0x1000000,
  Maintenance: 0x4000000,
  IsContainer: 0x8000000,
  NeedsQuorum: 0x10000000,
  NeedsFencing: 0x20000000,
  NeedsUnfencing: 0x40000000,
} as const;

export const ActionFlag = {
  Pseudo: 0x1,
  Runnable: 0x2,
  Optional: 0x4,
  PrintAlways: 0x8,
  HaveNodeAttrs: 0x10,
  ImpliedByStonith: 0x40,
  MigrateRunnable: 0x80,
  Dumped: 0x100,
  Processed: 0x200,
  Dangle: 0x800,
  RequiresAny: 0x1000,
  Reschedule: 0x2000,
  Tracking: 0x4000,
  Dedup: 0x8000,
  Dc: 0x10000,
} as const;

export const Order = {
  None: 0x0,
  Optional: 0x1,
  ApplyFirstNonMigratable: 0x2,
  ImpliesFirst: 0x10,
  ImpliesThen: 0x20,
  PromotedImpliesFirst: 0x40,
  ImpliesFirstMigratable: 0x80,
  RunnableLeft: 0x100,
  PseudoLeft: 0x200,
  ImpliesThenOnNode: 0x400,
  Probe: 0x800,
  Restart: 0x1000,
  StonithStop: 0x2000,
  SerializeOnly: 0x4000,
  SameNode: 0x8000,
  ImpliesFirstPrinted: 0x10000,
  ImpliesThenPrinted: 0x20000,
  Asymmetrical: 0x100000,
  Load: 0x200000,
  OneOrMore: 0x400000,
  AntiColocation: 0x800000,
  Preserve: 0x1000000,
  ThenCancelsFirst: 0x2000000,
  Trace: 0x4000000,
} as const;

export function has(flags: number, bits: number): boolean {
  return (flags & bits) === bits;
}

export function hasAny(flags: number, bits: number): boolean {
  return (flags & bits) !== 0;
}
