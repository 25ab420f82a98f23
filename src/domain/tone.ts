/** The colour family of a tag; the word is always shown with it (never colour alone). */
export type Tone = 'info' | 'warning' | 'success' | 'danger' | 'neutral'
