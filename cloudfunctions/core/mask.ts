/** Phone masking (PIPL: show only what the reader needs): 13812341234 → 138****1234. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  // Too short to show 3 + 4 digits and still hide any: hide it all.
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
