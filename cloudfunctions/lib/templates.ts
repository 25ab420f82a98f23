/**
 * Subscribe-message template ids. The code names each template by a placeholder (TPL_NEW_DISPATCH
 * …); the real id, which the WeChat console gives when the template is chosen, is set as an
 * environment variable of that name on the function (CloudBase console or cloudbaserc
 * `envVariables`), so a deployment needs no code change. The local cloud uses the placeholders.
 */
export function templateId(placeholder: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env[placeholder]?.trim();
  return configured || placeholder;
}
