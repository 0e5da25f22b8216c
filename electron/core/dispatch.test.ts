import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appApiContract, methodList } from '@shared/api';
import { dispatch } from './dispatch';
import { createTestServices } from './test-support';

let env: Awaited<ReturnType<typeof createTestServices>>;
beforeAll(async () => {
  env = await createTestServices();
});
afterAll(() => env.cleanup());

describe('dispatch', () => {
  it('answers a valid call with an ok envelope', async () => {
    const result = await dispatch(env.services, 'app.info', undefined);
    expect(result).toMatchObject({ ok: true, value: { name: '备案核查工作台', door: 'cli' } });
  });

  it.each(methodList(appApiContract).map((m) => m.path))('refuses a malformed argument to %s with a validation envelope', async (path) => {
    // No method of the contract takes an array of arrays of strings.
    const result = await dispatch(env.services, path, [['malformed']]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_argument');
      expect(result.error.message).toContain(path);
    }
  });

  it.each(['nope.method', 'app.nope', 'app.info.extra', '__proto__.constructor', 'app.constructor', ''])('refuses the unknown method %j', async (path) => {
    const result = await dispatch(env.services, path, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('turns an unexpected service failure into an internal error envelope', async () => {
    const original = env.services.api.audit.verify;
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    env.services.api.audit.verify = () => {
      throw new Error('disk on fire');
    };
    try {
      const result = await dispatch(env.services, 'audit.verify', undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('disk on fire') } });
      // The door logs the unexpected failure for the developer before answering the caller.
      expect(log).toHaveBeenCalled();
    } finally {
      env.services.api.audit.verify = original;
      log.mockRestore();
    }
  });
});
