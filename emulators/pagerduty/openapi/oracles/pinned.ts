/**
 * The exact public files the reference folder is made of: PagerDuty's OpenAPI document and the
 * webhook overview whose JSON examples become the files below, each at a pinned commit with its
 * sha256, so `npm run oracles:fetch` reproduces ../shared/oracles/pagerduty/ byte for byte.
 */
export interface PinnedFile {
  /** owner/name on GitHub. */
  repository: string;
  commit: string;
  path: string;
  sha256: string;
}

export interface ExtractedFile {
  /** Relative to the reference folder. */
  file: string;
  sha256: string;
}

export interface OracleSources {
  openApiDocument: PinnedFile & { file: string };
  /** PagerDuty's webhook overview (Markdown): every ```json example in it is one file. */
  webhookOverview: PinnedFile & { examples: ExtractedFile[] };
}

export const pinnedSources: OracleSources = {
  openApiDocument: {
    repository: 'PagerDuty/api-schema',
    commit: '91a06fb3c64b0ab2b2bd6c485d12b327dfb55c18',
    path: 'reference/REST/openapiv3.json',
    sha256: 'b2e80f8b83b170f29702e96a69adf230702b4ec43dddab7e348a2985c707ef35',
    file: 'openapiv3.json',
  },
  webhookOverview: {
    repository: 'PagerDuty/developer-docs',
    commit: 'a09bcfbb260aa2e8d83cdce7cf581914ed8b68d2',
    path: 'docs/webhooks/01-Overview.md',
    sha256: '56a7fb48ce65f0eedacbaa2d19200efd103f05f95ad5889a9901a1b6bca3cbdc',
    examples: [
      { file: 'webhook-subscription-create-request.json', sha256: '0b5b2386c88a08c0ce9cdf0cca82e192de1b52fdea17765895645ac43c8a7b74' },
      { file: 'webhook-v3-examples/incident.json', sha256: '28b14f86446f48db5b0d135f760fdd3be47ccfe08267f28b67e3f06d92d4b53b' },
      { file: 'webhook-v3-examples/incident.priority_updated.json', sha256: '280f837efdb4e5478b93b008e46bb4fd8ce95de07fb03f411ef88e8684eca839' },
      { file: 'webhook-v3-examples/incident_action_invocation.json', sha256: '4e0105042434c7df18424dbd8850f206187b5c8e78e71985b4f05925921c6541' },
      { file: 'webhook-v3-examples/incident_conference_bridge.json', sha256: 'ede5973cd07c74f6ed3a0bd052ecc3ae425c58c6435fb5e01cdc9d50844713e2' },
      { file: 'webhook-v3-examples/incident_field_values.json', sha256: 'd18d4812cee9b99a4790c3d6af95b20d112ac0790a22eac350518dd5b13e9850' },
      { file: 'webhook-v3-examples/incident_note.json', sha256: 'b4b432dfde2550cc61a75572edd8c682d10e0f5bf2df8cd6740a761bc23fade2' },
      { file: 'webhook-v3-examples/incident_responder.json', sha256: '8296e3e5d3fc46c3d3c5af3c4b1af1513579606c0f06118048bbe68a1dfdf740' },
      { file: 'webhook-v3-examples/incident_role_assignment.json', sha256: '63555113b2d64350582afaabe98d66c637890fe8d26f9d271dff08c52a02b63b' },
      { file: 'webhook-v3-examples/incident_status_update.json', sha256: '150c9f8ce31e76b3929dc83f732c416449fec9f973e964fbf274b27bf8d920be' },
      { file: 'webhook-v3-examples/incident_task.json', sha256: '0b8888888119dc726439c833b521a1bcc203a4c13bd0c4260c7cc8c9b66b5395' },
      { file: 'webhook-v3-examples/incident_workflow_instance.json', sha256: '0844ac43aac5267446a7743680f3f2e998a02b553077c8a85d280d64196f9dd4' },
      { file: 'webhook-v3-examples/service.json', sha256: '638560e04adf3e55be8fba74ea09bea0772fde9996a9d9636b67e464fa51fb08' },
      { file: 'webhook-v3-examples/service.updated.json', sha256: '078f840a651d8eaa595d631363ebfef2aa8118fba803f648a50796c277849ade' },
      { file: 'webhook-v3-examples/service_field_values.json', sha256: '97683b7cee40f5037b6bbd157d973d1c24eb74ccd59a4bd37d25e5bd7557bd5a' },
    ],
  },
};

export const RAW_GITHUB = 'https://raw.githubusercontent.com';

/** raw.githubusercontent.com's form: /<owner>/<repo>/<commit>/<path>. */
export function rawUrl(baseUrl: string, file: PinnedFile): string {
  return `${baseUrl.replace(/\/$/, '')}/${file.repository}/${file.commit}/${file.path}`;
}
