/**
 * The Command Console's entry: the page Salesforce frames on a Case record (Canvas). The server
 * serves it only for a verified signed request, with the agent token in a meta tag (see
 * server/http/postCanvasPage.ts). SLDS is global: components render in light DOM.
 */
import '@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.css';
import './console.css';
import './agent-console/agent-console';
