/**
 * One TCP state vocabulary for ss, netstat (Linux, BSD, Windows, localised) and lsof, so a
 * CLOSE_WAIT counted from `ss` and one counted from `lsof` are the same word (netstat's spelling).
 */

/** Canonical spellings: netstat's (underscores, FIN_WAIT1), plus ss's UNCONN and unix-socket states. */
export const CANONICAL_STATES = [
  'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK',
  'LISTEN', 'CLOSING', 'UNCONN', 'NEW_SYN_RECV', 'BOUND', 'CONNECTED', 'CONNECTING', 'DISCONNECTING', 'FREE', 'UNKNOWN',
] as const;

const ALIASES: Record<string, string> = {
  // ss
  ESTAB: 'ESTABLISHED', 'SYN-SENT': 'SYN_SENT', 'SYN-RECV': 'SYN_RECV', 'FIN-WAIT-1': 'FIN_WAIT1', 'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT', 'CLOSE-WAIT': 'CLOSE_WAIT', 'LAST-ACK': 'LAST_ACK', 'NEW-SYN-RECV': 'NEW_SYN_RECV', UNCONN: 'UNCONN',
  // BSD / macOS / Windows / lsof spellings
  FIN_WAIT_1: 'FIN_WAIT1', FIN_WAIT_2: 'FIN_WAIT2', SYN_RCVD: 'SYN_RECV', SYN_RECEIVED: 'SYN_RECV', CLOSED: 'CLOSE',
  LISTENING: 'LISTEN', 'FIN-WAIT1': 'FIN_WAIT1', 'FIN-WAIT2': 'FIN_WAIT2', DELETE_TCB: 'CLOSE', IDLE: 'CLOSE',
  // Linux net-tools, German (de.po translates only these)
  VERBUNDEN: 'ESTABLISHED', HÖRT: 'LISTEN', VERBINDUNGSAUFBAU: 'CONNECTING', VERBINDUNGSABBAU: 'DISCONNECTING', FREI: 'FREE',
  UNBEKANNT: 'UNKNOWN',
  // Windows, German
  HERGESTELLT: 'ESTABLISHED', ABHÖREN: 'LISTEN', ABHOEREN: 'LISTEN', WARTEND: 'TIME_WAIT', SCHLIESSEN_WARTEN: 'CLOSE_WAIT',
  SYN_GESENDET: 'SYN_SENT', SYN_EMPFANGEN: 'SYN_RECV', FIN_WARTEN_1: 'FIN_WAIT1', FIN_WARTEN_2: 'FIN_WAIT2',
  SCHLIESSEND: 'CLOSING', LETZTE_BESTÄTIGUNG: 'LAST_ACK', GESCHLOSSEN: 'CLOSE',
  // French (Linux net-tools keeps TCP states in English; Windows translates the common ones)
  ÉTABLIE: 'ESTABLISHED', ETABLIE: 'ESTABLISHED', ÉTABLI: 'ESTABLISHED', ETABLI: 'ESTABLISHED', ÉCOUTE: 'LISTEN', ECOUTE: 'LISTEN',
  CONNECTE: 'CONNECTED', CONNECTÉ: 'CONNECTED', LIBRE: 'FREE', INCONNU: 'UNKNOWN', FERMÉ: 'CLOSE', FERME: 'CLOSE',
  // Spanish
  ESTABLECIDO: 'ESTABLISHED', ESCUCHANDO: 'LISTEN', CONECTADO: 'CONNECTED', CERRADO: 'CLOSE', DESCONOCIDO: 'UNKNOWN',
};

const CANON = new Set<string>(CANONICAL_STATES);

/**
 * A printed state → the canonical word. Case-insensitive for the known spellings; an unknown word is
 * kept as printed (upper-cased, hyphens to underscores) rather than guessed.
 */
export function normaliseState(raw: string): string {
  const s = raw.trim().replace(/^\(|\)$/g, '').toUpperCase();
  if (CANON.has(s)) return s;
  const a = ALIASES[s];
  if (a) return a;
  return s.replace(/-/g, '_');
}

/** True when the word is a state some tool prints (any spelling we know, canonical or alias). */
export function isKnownState(raw: string): boolean {
  const s = raw.toUpperCase();
  return CANON.has(s) || s in ALIASES;
}

/** States only `ss` prints (hyphenated, ESTAB, UNCONN): a strong hint that a table came from ss. */
export function isSsOnlyState(raw: string): boolean {
  return raw === 'ESTAB' || raw === 'UNCONN' || (raw.includes('-') && raw.toUpperCase() in ALIASES);
}
