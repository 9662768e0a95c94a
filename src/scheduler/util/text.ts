/** Small text helpers with the exact semantics of Pacemaker's C library. */

/** crm_is_true: "true", "on", "yes", "y", "1" in any case. */
export function isTrue(s: string | undefined | null): boolean {
  return s !== undefined && s !== null && /^(true|on|yes|y|1)$/i.test(s);
}

/** crm_str_to_boolean: true, false, or undefined when the text is neither. */
export function parseBoolean(s: string | undefined | null): boolean | undefined {
  if (s === undefined || s === null) return undefined;
  if (/^(true|on|yes|y|1)$/i.test(s)) return true;
  if (/^(false|off|no|n|0)$/i.test(s)) return false;
  return undefined;
}

export function eqIgnoreCase(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.toLowerCase() === b.toLowerCase();
}

/** strcasecmp-style comparison (ASCII case folding). */
export function compareIgnoreCase(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** strcmp on the UTF-8 bytes (for ASCII, plain code unit order). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Node name order: runs of digits compare numerically, the rest ignoring case. */
export function compareNumericIgnoreCase(s1: string, s2: string): number {
  let i = 0;
  let j = 0;
  const isDigit = (c: number) => c >= 48 && c <= 57;
  while (i < s1.length && j < s2.length) {
    const c1 = s1.charCodeAt(i);
    const c2 = s2.charCodeAt(j);
    if (isDigit(c1) && isDigit(c2)) {
      let e1 = i;
      while (e1 < s1.length && isDigit(s1.charCodeAt(e1))) e1++;
      let e2 = j;
      while (e2 < s2.length && isDigit(s2.charCodeAt(e2))) e2++;
      const n1 = Number(s1.slice(i, e1));
      const n2 = Number(s2.slice(j, e2));
      if (n1 !== n2) return n1 < n2 ? -1 : 1;
      if (e1 - i !== e2 - j) return e1 - i < e2 - j ? -1 : 1;
      i = e1;
      j = e2;
    } else {
      const l1 = s1[i]!.toLowerCase();
      const l2 = s2[j]!.toLowerCase();
      if (l1 !== l2) return l1 < l2 ? -1 : 1;
      i++;
      j++;
    }
  }
  if (i >= s1.length && j < s2.length) return -1;
  if (i < s1.length && j >= s2.length) return 1;
  return 0;
}

/** "s" when a count is not one. */
export function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** add_hash_param: sets a value unless one is already there ("#default" sets nothing). */
export function addHashParam(map: Map<string, string>, name: string, value: string | undefined | null): void {
  if (value === undefined || value === null) return;
  if (value.toLowerCase() === '#default') return;
  if (!map.has(name)) map.set(name, value);
}
