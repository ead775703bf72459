type NumberArray = Int32Array | Float64Array | Uint8Array;

/**
 * The array itself if it already holds `size` elements, else a copy with doubled capacity.
 * The indexes keep per-slot numbers in typed arrays (no per-item objects) and grow them this way.
 */
export function ensureLength<T extends NumberArray>(array: T, size: number): T {
  if (size <= array.length) return array;
  let capacity = Math.max(1, array.length);
  while (capacity < size) capacity *= 2;
  const grown = new (array.constructor as new (length: number) => T)(capacity);
  grown.set(array as never);
  return grown;
}
