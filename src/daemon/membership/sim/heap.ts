/** A binary min-heap of timed events; ties keep insertion order, so runs are deterministic. */
export interface Timed {
  time: number;
  order: number;
}

type WithoutOrder<T> = T extends unknown ? Omit<T, 'order'> : never;

export class EventHeap<T extends Timed> {
  private items: T[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(item: WithoutOrder<T>): void {
    const e = item as unknown as T;
    e.order = this.counter++;
    const h = this.items;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  peekTime(): number {
    return this.items.length ? this.items[0]!.time : Infinity;
  }
}

function before(a: Timed, b: Timed): boolean {
  return a.time < b.time || (a.time === b.time && a.order < b.order);
}
