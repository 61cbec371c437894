/**
 * The Status Dashboard's Canvas entry: the page Salesforce frames in a Canvas tab or the utility
 * bar. The server serves it only for a verified signed request, with an agent token that names no
 * record (see server/http/postCanvasPage.ts). SLDS is global: components render in light DOM.
 */
import '@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.css';
import '../console.css';
import './canvas-dashboard';
