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
