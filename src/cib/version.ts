/**
 * Pacemaker's comparison of dotted version strings (compare_version), used
 * for feature sets ("3.0.5") to pick digest and patchset formats.
 * Missing parts count as 0, so "3.0" equals "3.0.0"; a missing version is
 * older than any other.
 */
export function compareVersion(a: string | undefined, b: string | undefined): -1 | 0 | 1 {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? 0;
    const q = y[i] ?? 0;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** The leading number of each dot-separated part (strtol's reading). */
function parts(v: string): number[] {
  if (v === '') return [];
  return v.split('.').map((s) => {
    const m = /^\s*[+-]?\d+/.exec(s);
    return m ? parseInt(m[0], 10) : 0;
  });
}
