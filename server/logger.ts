import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs. Secrets never reach them: credential-bearing headers and fields are redacted
 * by path, and request URLs are logged without their query string (sign-in links carry a token).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-pagerduty-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.apiKey',
  '*.securityToken',
  '*.clientSecret',
  '*.privateKey',
  '*.secret',
  '*.accessToken',
  '*.token',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
