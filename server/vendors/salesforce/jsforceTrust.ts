// A file path, not a folder alias: Node's ESM loader (Playwright's runner) resolves only files.
import { setDispatcher } from '@jsforce/jsforce-node/lib/request.js';
import { Agent } from 'undici';

interface Trust {
  ca: string[];
  agent: Agent;
}

/** What this module last gave jsforce, so an undo only undoes its own. */
let installed: Trust | undefined;

/**
 * Makes jsforce (the Salesforce REST, SOAP and OAuth calls sent directly, without a proxy) verify
 * servers with `ca`, until the returned function undoes it. jsforce sends with undici's fetch
 * through one process-wide dispatcher (`setDispatcher`): neither its connection options nor its
 * transport take a `ca` per connection; undici and faye take theirs from OutboundProxy. Demo mode
 * calls it with `OutboundProxy.ca` (Node's roots and its own certificate, whose private key never
 * leaves that process), so no other server can present a certificate this trust accepts.
 */
export function trustInJsforce(ca: string[]): () => void {
  const previous = installed;
  // jsforce's own default dispatcher refuses HTTP/2 (allowH2: false); this one keeps that.
  const trust: Trust = { ca, agent: new Agent({ connect: { ca, allowH2: false } }) };
  installed = trust;
  setDispatcher(trust.agent);
  return () => {
    // Only undo what is still ours (another start may have replaced it since).
    if (installed !== trust) return;
    installed = previous;
    // Undefined puts jsforce's default dispatcher back.
    setDispatcher(previous?.agent);
    void trust.agent.close();
  };
}

/** The certificate authorities jsforce verifies servers with, when trustInJsforce set them; undefined: Node's defaults. */
export function jsforceTrustedCa(): string[] | undefined {
  return installed?.ca;
}
