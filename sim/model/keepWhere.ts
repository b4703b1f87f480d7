/**
 * Remove in place the items of `list` that fail `keep`, preserving the order of the others: the
 * state's short lists (directives, recent discoveries) are pruned every cycle, and `filter` would
 * allocate a new array each time.
 */
export function keepWhere<T>(list: T[], keep: (item: T) => boolean): void {
  let k = 0;
  for (let j = 0; j < list.length; j++) {
    const item = list[j]!;
    if (keep(item)) list[k++] = item;
  }
  list.length = k;
}
