import type { z } from 'zod';
import { appApiContract, type ResultEnvelope } from '@shared/api';
import { isAppError } from '@shared/errors';
import type { Services } from './services';

/**
 * The single entry every door calls: finds the method, validates the argument against the
 * contract, runs the service and wraps the outcome in the result envelope. Nothing a caller
 * sends can crash the process: unknown methods and bad arguments become error envelopes.
 */
export async function dispatch(services: Services, path: string, rawArgs: unknown): Promise<ResultEnvelope<unknown>> {
  const [feature, name, ...rest] = path.split('.');
  const spec = rest.length === 0 ? lookup(feature, name) : undefined;
  if (!spec) return { ok: false, error: { code: 'not_found', message: `未知的接口方法：${path}` } };
  const parsed = spec.args.safeParse(rawArgs);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_argument', message: `参数不符合接口约定（${path}）：${describeIssues(parsed.error)}`, details: parsed.error.issues } };
  }
  try {
    const impl = (services.api as unknown as Record<string, Record<string, (a: unknown) => unknown>>)[feature][name];
    const value = await impl(parsed.data);
    return { ok: true, value: spec.result.parse(value) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    console.error(`[dispatch] ${path} failed`, error);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `内部错误：${message}` } };
  }
}

function lookup(feature: string | undefined, name: string | undefined) {
  if (!feature || !name || !Object.hasOwn(appApiContract, feature)) return undefined;
  const methods = appApiContract[feature as keyof typeof appApiContract] as Record<string, { args: z.ZodType; result: z.ZodType }>;
  return Object.hasOwn(methods, name) ? methods[name] : undefined;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(参数)'}: ${issue.message}`)
    .join('；');
}
