/**
 * GLib's list sort, reproduced exactly: a top-down merge sort that splits a
 * list of n items after floor(n/2) and takes from the left run on ties.
 * Several of Pacemaker's comparators are not total orders, so any other
 * stable sort could order some inputs differently.
 */
export function glibSort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  if (items.length < 2) return items.slice();
  const half = Math.floor(items.length / 2);
  const left = glibSort(items.slice(0, half), compare);
  const right = glibSort(items.slice(half), compare);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (compare(left[i]!, right[j]!) <= 0) out.push(left[i++]!);
    else out.push(right[j++]!);
  }
  while (i < left.length) out.push(left[i++]!);
  while (j < right.length) out.push(right[j++]!);
  return out;
}

/** g_str_hash: djb2 over the UTF-8 bytes, in 32 bits. */
export function glibStrHash(key: string): number {
  let h = 5381;
  for (const b of Buffer.from(key, 'utf8')) h = (Math.imul(h, 33) + b) >>> 0;
  return h;
}

/** GLib's primes for hash table sizes, by shift. */
const PRIME_MOD = [1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521];
const MIN_SHIFT = 3;

/**
 * The order in which a GHashTable with string keys (g_str_hash) hands out
 * its keys when iterated, given the order they were inserted: open
 * addressing with quadratic probing, slot by slot. Tables that grew are
 * rebuilt by reinserting in slot order, which is what GLib's in-place
 * rehash does unless probe chains cross.
 */
export function glibHashOrder(keys: readonly string[]): string[] {
  let shift = MIN_SHIFT;
  let slots: (string | undefined)[] = new Array(1 << shift);
  const place = (table: (string | undefined)[], sh: number, key: string) => {
    let hash = glibStrHash(key);
    if (hash < 2) hash = 2;
    const mask = (1 << sh) - 1;
    let i = Number((BigInt(hash) * 11n) % BigInt(PRIME_MOD[sh]!));
    let step = 0;
    while (table[i] !== undefined) {
      if (table[i] === key) return;
      i = (i + ++step) & mask;
    }
    table[i] = key;
  };
  let count = 0;
  for (const key of keys) {
    if (slots.includes(key)) continue;
    place(slots, shift, key);
    count++;
    const size = 1 << shift;
    if (size <= count + Math.floor(count / 16)) {
      let wanted = Math.floor(count * 1.333);
      let s = 0;
      while (wanted) {
        wanted >>= 1;
        s++;
      }
      shift = Math.max(s, MIN_SHIFT);
      const grown: (string | undefined)[] = new Array(1 << shift);
      for (const k of slots) if (k !== undefined) place(grown, shift, k);
      slots = grown;
    }
  }
  return slots.filter((k): k is string => k !== undefined);
}
