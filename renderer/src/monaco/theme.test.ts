import { describe, expect, it } from 'vitest';
import { LOG_TOKENS } from './log-language';
import { normalizeHex, themeData, withAlpha } from './theme';

describe('monaco theme from CSS variables', () => {
  it('normalises hex colours and rejects the rest', () => {
    expect(normalizeHex(' #5AA9FF ')).toBe('#5aa9ff');
    expect(normalizeHex('#abc')).toBe('#aabbcc');
    expect(normalizeHex('rgb(1,2,3)')).toBeNull();
    expect(normalizeHex('')).toBeNull();
  });

  it('adds alpha as a byte', () => {
    expect(withAlpha('#000000', 0)).toBe('#00000000');
    expect(withAlpha('#000000', 1)).toBe('#000000ff');
    expect(withAlpha('#112233', 0.5)).toBe('#11223380');
    expect(withAlpha('#112233', 7)).toBe('#112233ff');
  });

  it('uses the variables for editor colours and log tokens, with the base of the theme', () => {
    const t = themeData({ bgSunken: '#010203', critical: '#ff0000', text: '#eeeeee' }, true);
    expect(t.base).toBe('vs-dark');
    expect(t.colors['editor.background']).toBe('#010203');
    expect(t.colors['editor.foreground']).toBe('#eeeeee');
    expect(t.rules.find((r) => r.token === LOG_TOKENS.error)?.foreground).toBe('ff0000');
    // Missing or unreadable variables fall back to the theme's defaults.
    const light = themeData({ bgSunken: 'var(--x)' }, false);
    expect(light.base).toBe('vs');
    expect(light.colors['editor.background']).toBe('#eef0f3');
    for (const c of Object.values(light.colors)) expect(c).toMatch(/^#[0-9a-f]{6}([0-9a-f]{2})?$/);
  });
});
