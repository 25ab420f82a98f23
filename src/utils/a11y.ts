/**
 * Accessibility props for a tappable View. H5 reads `role` and `aria-label` (Taro's H5 components
 * write string props as dashed attributes); weapp reads `aria-role` / `aria-label`.
 */
export function tappable(label: string, role: 'button' | 'switch' | 'radio' | 'link' = 'button') {
  return { role, ariaRole: role, ariaLabel: label }
}
