import { byCodePoint } from './locale-model.resolver';

/**
 * Generated files are committed and drift-tested byte for byte, so their bytes must depend only
 * on the data: object keys are sorted recursively (construction order never leaks in), arrays
 * keep the order the generator chose, 2-space indent, LF line ends and a trailing newline.
 */

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(byCodePoint)) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = canonical(child);
    }
    return out;
  }
  return value;
}

export function toStableJson(value: unknown): string {
  return `${JSON.stringify(canonical(value), null, 2)}\n`;
}
