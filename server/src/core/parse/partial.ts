/**
 * Partial authorizations: an item heading that names the original request, what the claims
 * administrator authorized, and the remainder in dispute.
 */
import type { PartialAuthorization } from '../types';

/**
 * Reads a partial-authorization heading. Two forms occur:
 *  "<original> was the original request. <authorized> was authorized by the Claims Administrator.
 *   The remaining IMR eligible portion of the original request, <remainder>"
 *  "<original> was the original request. The Claims Administrator authorized <other>, leaving the
 *   original request IMR eligible. The original request, <original>"
 */
// The heading's sentences (see `parsePartial`), made once.
const WAS_ORIGINAL = /\s+was the original request\.?\s*/i;
const AUTHORIZED_BY = /^(.*?)\s+was authorized by the Claims Administrator\b/i;
const ADMINISTRATOR_AUTHORIZED = /^The Claims Administrator authorized\s+(.*?),?\s+leaving the original request\b/i;
const REMAINDER_INTRO = /(?:portion of the original request|The original request)\s*,\s*/i;

export function parsePartial(s: string): { partial: PartialAuthorization; remainderFrom: number } | null {
  const o = WAS_ORIGINAL.exec(s);
  if (!o) return null;
  const original = s.slice(0, o.index).trim();
  const rest = s.slice(o.index + o[0].length);
  const restFrom = o.index + o[0].length;
  let authorized: string | null = null;
  const a1 = AUTHORIZED_BY.exec(rest);
  const a2 = ADMINISTRATOR_AUTHORIZED.exec(rest);
  if (a1) authorized = a1[1].trim();
  else if (a2) authorized = a2[1].trim();
  const r = REMAINDER_INTRO.exec(rest);
  if (!r) return null;
  const remainderFrom = restFrom + r.index + r[0].length;
  const remainder = s.slice(remainderFrom).trim();
  if (!remainder) return null;
  return { partial: { original, authorized, remainder }, remainderFrom };
}
