/**
 * Scenario events for a BGP run, written as on the headless runner's command line:
 * `withdraw:ASN:PREFIX@T`, `announce:ASN:PREFIX@T`, `link-down:A-B@T`, `link-up:A-B@T`,
 * `link-silent:A-B@T`, `depeer:A-B@T` (T in seconds of simulated time).
 */
import { BgpInputError } from './BgpNetwork';
import { parsePrefix, PrefixError, type Prefix } from './prefix';

export type BgpEvent =
  | { kind: 'withdraw' | 'announce'; asn: number; prefix: Prefix; atSeconds: number; text: string }
  | {
      kind: 'link-down' | 'link-up' | 'link-silent' | 'depeer';
      a: number;
      b: number;
      atSeconds: number;
      text: string;
    };

const LINK_KINDS = ['link-down', 'link-up', 'link-silent', 'depeer'] as const;

function parseAsn(raw: string, text: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > 4294967295)
    throw new BgpInputError(`'${text}': '${raw}' is not an AS number`);
  return Number(raw);
}

/** Parses one event; throws BgpInputError naming what is wrong. */
export function parseBgpEvent(text: string): BgpEvent {
  const at = text.lastIndexOf('@');
  if (at < 0) throw new BgpInputError(`'${text}' has no time: add @SECONDS`);
  const timeText = text.slice(at + 1);
  const atSeconds = Number(timeText);
  if (timeText.trim() === '' || !Number.isFinite(atSeconds) || atSeconds < 0)
    throw new BgpInputError(`'${text}': '${timeText}' is not a time in seconds`);
  const body = text.slice(0, at);
  const colon = body.indexOf(':');
  const kind = body.slice(0, colon);
  const rest = body.slice(colon + 1);
  if (colon > 0 && (kind === 'withdraw' || kind === 'announce')) {
    const sep = rest.indexOf(':');
    if (sep < 0) throw new BgpInputError(`'${text}': expected ${kind}:ASN:PREFIX@T`);
    let prefix: Prefix;
    try {
      prefix = parsePrefix(rest.slice(sep + 1));
    } catch (err) {
      throw new BgpInputError(`'${text}': ${(err as PrefixError).message}`);
    }
    return { kind, asn: parseAsn(rest.slice(0, sep), text), prefix, atSeconds, text };
  }
  const linkKind = LINK_KINDS.find((k) => k === kind);
  if (colon > 0 && linkKind) {
    const m = /^([^-]+)-([^-]+)$/.exec(rest);
    if (!m) throw new BgpInputError(`'${text}': expected ${kind}:A-B@T`);
    return { kind: linkKind, a: parseAsn(m[1], text), b: parseAsn(m[2], text), atSeconds, text };
  }
  throw new BgpInputError(
    `'${text}': unknown event; expected withdraw:ASN:PREFIX, announce:ASN:PREFIX, ${LINK_KINDS.map((k) => `${k}:A-B`).join(', ')}, each followed by @SECONDS`,
  );
}
