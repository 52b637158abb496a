// Secrets (tokens, application passwords) on their way out: trimmed when
// stored, refused when they hold a control character (fetch would reject the
// header and quote it in its error message), and scrubbed from any text that
// is stored or shown (job errors, test messages, logs) as a last line of defence.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const CONTROL_CHARACTER_MESSAGE =
  'The password or token contains an invisible control character (often picked up when copying it). Type or paste it again.';

export function hasControlCharacter(secret: string): boolean {
  return CONTROL.test(secret);
}

/**
 * `text` with every trace of `secret` replaced by "[hidden]": the secret itself,
 * its parts around a control character, and the Basic-auth form
 * base64("<username>:<secret>") when the target has a username.
 */
export function redactSecret(
  text: string,
  secret: string | null,
  config: Record<string, unknown> | null = null,
): string {
  if (!secret) return text;
  const needles = new Set<string>();
  const add = (value: string): void => {
    if (value.length >= 4) needles.add(value);
  };
  add(secret);
  add(secret.trim());
  for (const part of secret.split(CONTROL)) add(part.trim());
  const username = typeof config?.username === 'string' ? config.username.trim() : null;
  if (username !== null) add(Buffer.from(`${username}:${secret.trim()}`, 'utf8').toString('base64'));
  let out = text;
  for (const needle of [...needles].sort((a, b) => b.length - a.length))
    out = out.split(needle).join('[hidden]');
  return out;
}
