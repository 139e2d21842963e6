import { describe, expect, it } from 'vitest';
import { Deadline, TimeLimitExceeded } from '../src/util/deadline.ts';

describe('Deadline', () => {
  it('none never expires', () => {
    const d = Deadline.none();
    expect(d.expired()).toBe(false);
    expect(d.remaining()).toBe(Infinity);
    expect(() => d.check('x')).not.toThrow();
  });
  it('a zero limit expires and check throws TimeLimitExceeded naming the work', async () => {
    const d = Deadline.in(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(d.expired()).toBe(true);
    expect(() => d.check('D2 candidate J = {1}')).toThrow(TimeLimitExceeded);
    expect(() => d.check('D2 candidate J = {1}')).toThrow(/D2 candidate J = \{1\}/);
  });
  it('within takes the earlier limit', () => {
    expect(Deadline.none().within(1000).remaining()).toBeLessThanOrEqual(1000);
    expect(Deadline.in(1).within(1000).remaining()).toBeLessThanOrEqual(1);
  });
});
