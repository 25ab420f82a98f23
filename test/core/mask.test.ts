/** Phone masking: a reader sees the first 3 and last 4 digits, never the middle. */
import { maskPhone } from '../../cloudfunctions/core/mask';

describe('maskPhone', () => {
  test.each<[string | null | undefined, string]>([
    ['13812341234', '138****1234'],
    ['13800001001', '138****1001'],
    ['19900000000', '199****0000'],
    ['057112345678', '057*****5678'],
    ['12345678', '123*5678'],
    ['123456', '******'],
    ['1', '*'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ])('%p → %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  test('keeps the length and hides exactly the middle of an 11-digit mobile number', () => {
    const masked = maskPhone('13912345678');
    expect(masked).toHaveLength(11);
    expect(masked.slice(3, 7)).toBe('****');
    expect(masked).not.toContain('1234');
  });

  // Regression: a 7-character value used to come back with zero stars.
  test('never returns a non-empty phone unmasked (7 characters)', () => {
    expect(maskPhone('1234567')).not.toBe('1234567');
    expect(maskPhone('1234567')).toContain('*');
  });
});
