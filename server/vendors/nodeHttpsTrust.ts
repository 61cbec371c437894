import https from 'node:https';

/**
 * Adds certificate authorities to what Node's global https agent verifies servers with, until the
 * returned function undoes it. For jsforce (the Salesforce REST, SOAP and OAuth calls) only:
 * jsforce sends with node-fetch and builds its agent from `httpProxy` alone, so neither its
 * options nor its transport can hand a `ca` to one connection; undici and faye take theirs from
 * OutboundProxy. Demo mode calls it with its own certificate, whose private key never leaves that
 * process, so no other server can present a certificate this trust accepts.
 */
export function trustInNodeHttps(ca: string[]): () => void {
  const options = https.globalAgent.options;
  const before = options.ca;
  options.ca = ca;
  return () => {
    // Only undo what is still ours (another start may have replaced it since). The agent's options
    // override a request's, so an absent `ca` is removed, never left as undefined.
    if (options.ca !== ca) return;
    if (before === undefined) delete options.ca;
    else options.ca = before;
  };
}
