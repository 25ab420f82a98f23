/** Template ids come from the function's environment, so a deployment needs no code change. */
import { templateId } from '../../cloudfunctions/lib/templates';

test('the configured id replaces the placeholder; without one (the local cloud) the placeholder stays', () => {
  expect(templateId('TPL_NEW_DISPATCH', { TPL_NEW_DISPATCH: ' AbC-123_real ' })).toBe('AbC-123_real');
  expect(templateId('TPL_NEW_DISPATCH', {})).toBe('TPL_NEW_DISPATCH');
  expect(templateId('TPL_NEW_DISPATCH', { TPL_NEW_DISPATCH: '  ' })).toBe('TPL_NEW_DISPATCH');
});
