/**
 * JVM-internal class names → the Java syntax people search for. Histograms print `[C` and
 * `[Ljava.lang.String;` (HotSpot) or `Ljava/lang/String;` (jvmkill's JNI signatures); the SA prints
 * `char[]` already. Pseudo-classes (`<methodKlass>`, `* MethodKlass`) are left as they are.
 */
const PRIMITIVES: Record<string, string> = {
  B: 'byte', C: 'char', D: 'double', F: 'float', I: 'int', J: 'long', S: 'short', Z: 'boolean',
};

/** `Lpkg/Name;` or `Lpkg.Name;` → `pkg.Name`; null when `s` is not an object descriptor. */
function objectDescriptor(s: string): string | null {
  if (s.length < 3 || s[0] !== 'L' || s[s.length - 1] !== ';') return null;
  const inner = s.slice(1, -1);
  if (/[\s;[]/.test(inner)) return null;
  return inner.replace(/\//g, '.');
}

export function normaliseClassName(raw: string): string {
  let dims = 0;
  while (raw[dims] === '[') dims++;
  const base = raw.slice(dims);
  if (dims === 0) return objectDescriptor(base) ?? raw;
  const name = base.length === 1 ? PRIMITIVES[base] : objectDescriptor(base);
  return name ? name + '[]'.repeat(dims) : raw;
}
