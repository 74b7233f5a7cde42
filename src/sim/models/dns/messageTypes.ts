/**
 * The network message types of the DNS model: in a module of their own, so that the model's
 * description (model.ts) does not bring the wire format and the servers into a page.
 */
export const MSG_DNS = 'dns.message';
/** A client's connection after its lookup goes to the delivery model's edge server (its SYN). */
export const DNS_MESSAGE_TYPES: readonly string[] = [MSG_DNS];
