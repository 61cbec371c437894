/**
 * The Salesforce Canvas SDK's refresh of a signed request (Canvas Developer Guide, "Requesting a
 * Signed Request"): `Sfdc.canvas.client.refreshSignedRequest(callback)` asks the Salesforce page
 * that frames this one for a new signed request, answered as `{ status: 200, payload: { response:
 * "<signed request>" } }`. The SDK is served by the org itself (`canvas-all.js` under its instance
 * URL); the server names it in a meta tag and allows that origin in the page's script-src.
 */
export const CANVAS_SDK_META = 'pdsc-canvas-sdk';

interface CanvasSdk {
  client: { refreshSignedRequest(callback: (data: { status: number; payload?: { response?: unknown } }) => void): void };
}

declare global {
  interface Window {
    Sfdc?: { canvas?: CanvasSdk };
  }
}

let loading: Promise<CanvasSdk> | undefined;

/** The SDK, loaded from the org on first need. */
function canvasSdk(doc: Document = document): Promise<CanvasSdk> {
  const loaded = window.Sfdc?.canvas;
  if (loaded) return Promise.resolve(loaded);
  const url = doc.querySelector<HTMLMetaElement>(`meta[name="${CANVAS_SDK_META}"]`)?.content;
  if (!url) return Promise.reject(new Error('This page was not opened from Salesforce: reload the Salesforce page.'));
  loading ??= new Promise<CanvasSdk>((resolve, reject) => {
    const script = Object.assign(doc.createElement('script'), { src: url, async: true });
    script.addEventListener('load', () => {
      const sdk = window.Sfdc?.canvas;
      if (sdk) resolve(sdk);
      else reject(new Error('The Salesforce Canvas SDK did not load: reload the Salesforce page.'));
    });
    script.addEventListener('error', () => {
      loading = undefined;
      reject(new Error('Cannot reach Salesforce to renew the console’s access: reload the Salesforce page.'));
    });
    doc.head.append(script);
  });
  return loading;
}

/** How long Salesforce has to answer a refresh before the page says it cannot renew. */
const REFRESH_TIMEOUT_MS = 15_000;

/** A new signed request from the framing Salesforce page, through the Canvas SDK. */
export async function refreshSignedRequest(): Promise<string> {
  const sdk = await canvasSdk();
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Salesforce did not renew the console’s access: reload the Salesforce page.')), REFRESH_TIMEOUT_MS);
    sdk.client.refreshSignedRequest((data) => {
      clearTimeout(timer);
      const response = data.payload?.response;
      if (data.status === 200 && typeof response === 'string' && response.includes('.')) resolve(response);
      else reject(new Error(`Salesforce refused to renew the console’s access (status ${data.status}): reload the Salesforce page.`));
    });
  });
}
