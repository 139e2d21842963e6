/**
 * Certificates as verify emits them, for tests that alter them: the one for a claim and
 * context (compared as JSON), as a fresh copy.
 */
import type { VerifyReport } from '../../src/claims/verify-report.ts';
import type { Certificate } from '../../src/certificates/format.ts';

export function certificateOf(rep: VerifyReport, claim: string, context?: Record<string, unknown>): Certificate {
  const c = rep.claims.find((x) => x.certificate?.claim === claim && JSON.stringify(x.certificate.context) === JSON.stringify(context));
  if (!c?.certificate) throw new Error(`no certificate ${claim} ${JSON.stringify(context)}`);
  return JSON.parse(JSON.stringify(c.certificate)) as Certificate;
}
