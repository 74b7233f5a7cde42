/**
 * The network message types of the DNS model: in a module of their own, so that the model's
 * description (model.ts) does not bring the wire format and the servers into a page.
 */
export const MSG_DNS = 'dns.message';
export const MSG_CONNECT = 'dns.connect';
export const MSG_CONNECT_ACK = 'dns.connectAck';
export const DNS_MESSAGE_TYPES: readonly string[] = [MSG_DNS, MSG_CONNECT, MSG_CONNECT_ACK];
