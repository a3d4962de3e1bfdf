/**
 * Access-log lines a Java application writes through its own logger (a servlet filter, Spring's
 * request logging): `"POST /api/v1/invoices/21899/payments HTTP/1.1" 500 10000ms`,
 * `GET /api/v1/users/26391 200 5067ms`. Typed `http.request` with pino-http's field names, so
 * `http-5xx-burst` and `slow-responses` read them like Node and Go requests. The reader is the
 * text-log one (Go middleware lines); here it must see a duration with its unit, because a Java
 * message that starts with a method and a path is as often prose (`GET /x failed: 400 …`).
 */
import { readRequestBody } from '../textlog/access';
import { GENERIC_KINDS } from '../textlog/fields';

/** Cheap first test (every record of the file passes here): `"METHOD `, `METHOD /`, or a client address then ` "`. */
function mayBeRequest(m: string): boolean {
  const c = m.charCodeAt(0);
  if (c === 34) return true;
  if (c >= 65 && c <= 90) {
    let i = 1;
    while (i < 13 && m.charCodeAt(i) >= 65 && m.charCodeAt(i) <= 90) i++;
    return i >= 3 && m.charCodeAt(i) === 32 && m.charCodeAt(i + 1) === 47;
  }
  if ((c >= 48 && c <= 57) || c === 91 || c === 45) {
    const q = m.indexOf(' "');
    return q > 0 && q <= 60;
  }
  return false;
}

export function classifyRequest(message: string): { kind: typeof GENERIC_KINDS.httpRequest; fields: Record<string, unknown> } | null {
  if (!mayBeRequest(message)) return null;
  const req = readRequestBody(message, true);
  return req ? { kind: GENERIC_KINDS.httpRequest, fields: req.fields as Record<string, unknown> } : null;
}
