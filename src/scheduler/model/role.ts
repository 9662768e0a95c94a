/** Resource roles, ordered as Pacemaker orders them (comparisons matter). */
export enum Role {
  Unknown = 0,
  Stopped = 1,
  Started = 2,
  Unpromoted = 3,
  Promoted = 4,
}

const NAMES = ['Unknown', 'Stopped', 'Started', 'Unpromoted', 'Promoted'];

export function roleName(role: Role): string {
  return NAMES[role] ?? 'Unknown';
}

/** text2role: current and legacy names, case-insensitive. */
export function parseRole(text: string | undefined | null): Role {
  switch (text?.toLowerCase()) {
    case 'stopped':
      return Role.Stopped;
    case 'started':
      return Role.Started;
    case 'unpromoted':
    case 'slave':
      return Role.Unpromoted;
    case 'promoted':
    case 'master':
      return Role.Promoted;
    default:
      return Role.Unknown;
  }
}
