import { z } from 'zod';

/** One API method: the zod schema of its single argument and of its result. */
export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** Jobs report progress and may be cancelled; doors give them a longer time budget. */
  job?: boolean;
}

export function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R, options: { job?: boolean } = {}): MethodSpec<A, R> {
  return { args, result, ...options };
}

/** A method with no argument. */
export const noArgs = z.undefined();

export type FeatureContract = Record<string, MethodSpec>;
export type Contract = Record<string, FeatureContract>;

/** The callable shape of a contract: `api.feature.method(args) → Promise<result>`. */
export type ApiOf<C extends Contract> = {
  [F in keyof C]: {
    [M in keyof C[F]]: z.input<C[F][M]['args']> extends undefined
      ? () => Promise<z.output<C[F][M]['result']>>
      : (args: z.input<C[F][M]['args']>) => Promise<z.output<C[F][M]['result']>>;
  };
};

/** What a service implements: it receives parsed (output-typed) arguments. */
export type ServiceOf<FC extends FeatureContract> = {
  [M in keyof FC]: (args: z.output<FC[M]['args']>) => Promise<z.input<FC[M]['result']>> | z.input<FC[M]['result']>;
};

export const errorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type ResultEnvelope<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof errorSchema> };

/** Channel names are derived, never typed by hand: `api:findings.list`. */
export function channelName(feature: string, methodName: string): string {
  return `api:${feature}.${methodName}`;
}

export function methodList(contract: Contract): { feature: string; method: string; path: string }[] {
  return Object.entries(contract).flatMap(([feature, methods]) =>
    Object.keys(methods).map((m) => ({ feature, method: m, path: `${feature}.${m}` })),
  );
}
