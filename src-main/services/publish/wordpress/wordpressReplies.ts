// The WordPress REST replies Copydesk reads, as zod schemas: the REST index
// (site name, namespaces, authentication), users/me, media (upload, list, the
// OPTIONS schema), tags, posts, and WordPress's error bodies. Only the fields
// Copydesk uses are declared; anything else WordPress sends is ignored. A reply
// that does not match is a PublishError naming the field that was wrong.
import { z } from 'zod';
import { forAction, PublishError, type FailureContext } from '../publishError';

/** A remote id: WordPress sends numbers; a string id is kept as it is. */
const RemoteId = z.union([z.number().int().nonnegative(), z.string().trim().min(1).max(200)], {
  error: 'expected an id (a number)',
});
const toId = (id: number | string): string => String(id);

/** An absolute http(s) address, normalised as URL.href. */
const HttpUrl = z.string({ error: 'expected a web address' }).transform((value, issue) => {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // reported below
  }
  issue.addIssue({ code: 'custom', message: 'expected an http(s) address' });
  return z.NEVER;
});

/** WordPress sends an empty object as [] (PHP arrays), e.g. `meta` when no key is registered. */
const PhpObject = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()).max(0)], {
  error: 'expected an object',
});
const Meta = PhpObject.optional().transform((value) => (Array.isArray(value) ? {} : (value ?? {})));

/** WordPress's error body: `{ code, message, data: { status, term_id } }`. */
export const WordPressErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z
    .object({ status: z.number().optional(), term_id: z.number().optional() })
    .nullish()
    .catch(undefined),
});
export type WordPressErrorBody = z.infer<typeof WordPressErrorSchema>;

/** GET / (the REST index, anonymous). */
export const SiteIndexSchema = z.object({
  name: z.string().optional().catch(undefined),
  namespaces: z.array(z.string(), { error: 'expected a list of REST namespaces' }),
  authentication: PhpObject.optional().catch(undefined),
});

/** GET /wp/v2/users/me?context=edit */
export const CurrentUserSchema = z.object({
  username: z.string({ error: 'expected a user name' }).optional(),
  roles: z.array(z.string()).optional(),
  capabilities: z.record(z.string(), z.unknown(), { error: 'expected a map of capabilities' }).optional(),
});

/** OPTIONS /wp/v2/media: the meta keys the site registered, if it tells. */
export const MediaSchemaReplySchema = z
  .object({
    schema: z
      .object({
        properties: z.object({ meta: z.object({ properties: PhpObject.optional() }).optional() }).optional(),
      })
      .optional(),
  })
  .catch({});

/** An uploaded medium (POST /wp/v2/media), or one of GET /wp/v2/media. */
export const MediaSchema = z.object({
  id: RemoteId.transform(toId),
  source_url: HttpUrl,
  meta: Meta,
});
export const MediaListSchema = z.array(MediaSchema, { error: 'expected a list of media' });

/** A tag, created (POST /wp/v2/tags) or found (GET /wp/v2/tags?_fields=id,name). */
export const TagSchema = z.object({ id: RemoteId.transform(toId), name: z.string().optional() });
export const TagListSchema = z.array(TagSchema.extend({ name: z.string() }), {
  error: 'expected a list of tags',
});

/** A post as POST /wp/v2/posts(/<id>) returns it. */
export const PostSchema = z.object({
  id: RemoteId.transform(toId),
  link: HttpUrl,
  status: z.string().optional(),
});

/** What the ownership checks read of a post (?context=edit&_fields=id,content,meta). */
export const PostMarksSchema = z.object({
  id: RemoteId.transform(toId),
  content: z.object({ raw: z.string().optional() }).optional().catch(undefined),
  meta: Meta,
});
/** GET /wp/v2/posts?context=edit&_fields=id,link,content,meta */
export const PostSearchListSchema = z.array(PostMarksSchema.extend({ link: HttpUrl }), {
  error: 'expected a list of posts',
});

/** A post read for comparison with the published text (GET /wp/v2/posts/<id>?context=edit). */
const RawField = z.object({ raw: z.string() });
export const EditablePostSchema = z.object({ title: RawField, excerpt: RawField, content: RawField });

/** The WordPress error body in a reply, or null when the reply is not one. */
export function wordPressError(json: unknown): WordPressErrorBody | null {
  const parsed = WordPressErrorSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Parses a 2xx reply; a reply that does not match throws a retryable
 * PublishError naming what was wrong ("id" missing, "source_url" not an
 * address…): WordPress may have done the work, and a plugin that garbled one
 * reply may not garble the next.
 */
export function parseReply<S extends z.ZodType>(
  schema: S,
  json: unknown,
  what: string,
  context: FailureContext = {},
): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new PublishError(
    'retryable',
    `WordPress's reply${forAction(context)} is not ${what} as Copydesk expects it: ${describeIssue(parsed.error, json)}. A plugin may have changed the REST API; Copydesk will try again.`,
  );
}

/** The first issue in words: `"source_url" is missing`, `"id" is not an id (a number)`. */
export function describeIssue(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'it could not be read';
  const path = issue.path.map(String);
  const where = path.length === 0 ? 'the reply' : `"${path.join('.')}"`;
  if (path.length === 0 && (typeof input !== 'object' || input === null)) {
    return `the reply is ${input === null ? 'empty' : `a ${typeof input}`}, not an object`;
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return `${where} is missing`;
  // The schemas' own messages read "expected an id (a number)"; zod's read "Invalid input: …".
  if (issue.message.startsWith('expected '))
    return `${where} is not ${issue.message.slice('expected '.length)}`;
  return `${where} is not valid (${issue.message})`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
