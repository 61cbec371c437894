import type { DescribeSObjectResult } from '@jsforce/jsforce-node';
import type { Logger } from 'pino';
import type { ConnectionStore } from '../../store/connections';
import type { OutboundProxy } from '../outboundProxy';
import { DEFAULT_VENDOR_TIMEOUT_MS } from '../requestTimeout';
import { connectSalesforce, SalesforceSettingsIncomplete, type SalesforceConnection } from './connect';

/**
 * One live Salesforce connection for the sync engine: connected lazily, reconnected once when
 * the session expired or was revoked (INVALID_SESSION_ID), dropped when settings change. Also
 * caches the Case describe (describes cost API calls and change rarely).
 */
export class SalesforceSession {
  #connection: Promise<SalesforceConnection> | undefined;
  #caseDescribe: Promise<DescribeSObjectResult> | undefined;
  #org: Promise<ConnectedOrg | undefined> | undefined;
  /** The connection once established, for what must not wait for one (processing at intake). */
  #connected: SalesforceConnection | undefined;

  constructor(
    private readonly connections: ConnectionStore,
    private readonly logger: Logger,
    /** How this session's calls leave, CDC's long poll included. */
    readonly proxy: OutboundProxy,
    /** How long one call may take (below the job lease: see requestTimeout.ts). */
    private readonly timeoutMs = DEFAULT_VENDOR_TIMEOUT_MS,
  ) {}

  /** Forget the connection and caches (after a settings change or a failed reconnect). */
  reset(): void {
    this.#connection = undefined;
    this.#connected = undefined;
    this.#caseDescribe = undefined;
    this.#org = undefined;
  }

  connection(): Promise<SalesforceConnection> {
    if (!this.#connection) {
      const connecting = this.connections.salesforce().then((settings) => connectSalesforce(settings, this.proxy, this.timeoutMs));
      this.#connection = connecting;
      connecting.then(
        (connection) => {
          if (this.#connection === connecting) this.#connected = connection;
        },
        () => {
          if (this.#connection === connecting) this.#connection = undefined;
        },
      );
    }
    return this.#connection;
  }

  /** Runs `work` with the connection; on an expired session, reconnects once and runs it again. */
  async run<T>(work: (connection: SalesforceConnection) => Promise<T>): Promise<T> {
    const connection = await this.connection();
    try {
      return await work(connection);
    } catch (error) {
      if (!isInvalidSession(error)) throw error;
      this.logger.warn('Salesforce session expired or revoked: signing in again');
      this.#connection = undefined;
      this.#connected = undefined;
      return work(await this.connection());
    }
  }

  /** The integration user's Id: changes it committed are our own echoes. */
  async integrationUserId(): Promise<string | undefined> {
    const connection = await this.connection();
    return connection.userInfo?.id;
  }

  /** The integration user's Id if a session is established, without connecting: undefined when none is. */
  knownIntegrationUserId(): { id: string | undefined } | undefined {
    return this.#connected ? { id: this.#connected.userInfo?.id } : undefined;
  }

  /**
   * The org this connector is connected to: its id (the login's userInfo; one identity call
   * where a connection, such as an sf CLI alias, comes without it) and instance URL. Cached until
   * the settings change: the agents' console asks on every request. Undefined when Salesforce is
   * not set up; rejects when it cannot be reached.
   */
  connectedOrg(): Promise<ConnectedOrg | undefined> {
    this.#org ??= this.connection().then(
      async (connection) => {
        const organizationId = connection.userInfo?.organizationId ?? (await connection.identity()).organization_id;
        return { organizationId, instanceUrl: connection.instanceUrl };
      },
      (error: unknown) => {
        if (error instanceof SalesforceSettingsIncomplete) return undefined;
        throw error;
      },
    );
    this.#org.catch(() => (this.#org = undefined));
    return this.#org;
  }

  describeCase(): Promise<DescribeSObjectResult> {
    this.#caseDescribe ??= this.run((connection) => connection.sobject('Case').describe());
    this.#caseDescribe.catch(() => (this.#caseDescribe = undefined));
    return this.#caseDescribe;
  }

  /** The daily API allocation as Salesforce last reported it (`Sforce-Limit-Info`). */
  async apiUsage(): Promise<{ used: number; limit: number } | undefined> {
    if (!this.#connection) return undefined;
    const connection = await this.#connection.catch(() => undefined);
    return connection?.limitInfo.apiUsage;
  }
}

export interface ConnectedOrg {
  organizationId: string;
  instanceUrl: string;
}

export function isInvalidSession(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return ('errorCode' in error && error.errorCode === 'INVALID_SESSION_ID') || ('name' in error && error.name === 'INVALID_SESSION_ID');
}
