// "Compare with the site before updating". Right after Copydesk publishes an
// article to a WordPress or HTTP JSON target it reads the article back and
// keeps that copy (site_copies): title, excerpt and content as the site
// stores them.
// - WordPress: GET /wp/v2/posts/<id>?context=edit, `title.raw`,
//   `excerpt.raw`, `content.raw`.
// - HTTP JSON: GET <endpoint>/<id> (docs/publishing.md, "Read before
//   update"), `article.headline`, `article.standfirst` and the article body
//   of `html` (inside <div class="article-body">, the whole `html` when it
//   has none). The request is the adapter's own (readHttpJsonItem: the
//   token, the HTTP policy, the capped read), so the token only ever goes to
//   the target's own endpoint.
// Before an update goes out, the live article is read again: when it differs
// from the kept copy, someone changed the article on the site, and the update
// waits until the editor chooses "Keep site changes" (the site's text is
// recorded as a History version) or "Overwrite site".
//
// A site that cannot be reached (down, 5xx, a timeout, a reply that is not
// JSON, too large or without the article's text) is not a reason to hold an
// update back (the outbox retries the update itself); check() says so
// instead ('unreachable', with a message a person can act on). So does it
// when the publish's own trust rules decide (publish/adapters/httpJson.ts,
// fingerprint.ts): an item deleted on the site or now naming another draft is
// left alone and the article published as a new item; a target whose address
// was edited is published to anew, so there is nothing to compare.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { emptyMeta, type ArticleMeta } from '../../../src-shared/article';
import { wrapEditorState } from '../../../src-shared/body';
import { AppFailure, type Handlers } from '../../../src-shared/ipc';
import type { DraftRepository } from '../drafts/draftRepository';
import { HttpJsonConfigSchema, httpJsonItemUrl, itemOwner, readHttpJsonItem } from './adapters/httpJson';
import { targetFingerprint } from './fingerprint';
import { PublishError } from './publishError';
import { redactSecret } from './secretHygiene';
import type { TargetRecord, TargetRepository } from './targetRepository';
import type { SecretStore } from './types';
import { WordPressConfigSchema } from './wordpress/wordpressAdapter';
import { WORDPRESS_CREDENTIALS, WordPressClient } from './wordpress/wordpressClient';
import { EditablePostSchema } from './wordpress/wordpressReplies';

export interface SiteCopy {
  title: string;
  excerpt: string;
  content: string;
}

/** A copy as a person reads it: plain text of each part. */
export interface SiteText {
  title: string;
  excerpt: string;
  text: string;
}

export type SiteCheck =
  | { state: 'not-published' | 'unsupported' | 'same' }
  | { state: 'unreachable'; message: string }
  | { state: 'changed'; published: SiteText; site: SiteText };

export interface SiteCompareOptions {
  db: Database.Database;
  targets: TargetRepository;
  secrets: SecretStore;
  drafts: DraftRepository;
  fetch?: typeof fetch;
  /** A site that has not answered a read after this long is "unreachable" (default 20 s). */
  readTimeoutMs?: number;
  now(): number;
}

export interface SiteCompare {
  /** Reads the article Copydesk just published and keeps it as the copy to compare with. */
  remember(draftId: string, targetId: string, remoteId: string): Promise<void>;
  check(draftId: string, targetId: string): Promise<SiteCheck>;
  /**
   * The editor's answer to a changed site. 'keep' records the site's text as
   * a History version ("Site changes from <target>"); both answers then take
   * the live copy as the one to compare with, so the update can go out.
   */
  resolve(draftId: string, targetId: string, choice: 'keep' | 'overwrite'): Promise<{ label: string | null }>;
}

/**
 * What an HTTP JSON endpoint's GET <endpoint>/<id> must answer for a
 * comparison (docs/publishing.md): the article's headline and standfirst as
 * plain text and its html, as the site holds them now. Other fields (id, url,
 * draftId, the rest of the body it was sent) may come along.
 */
export const HttpJsonItemSchema = z.object({
  article: z.object({ headline: z.string(), standfirst: z.string() }),
  html: z.string(),
});

/** The article as the site holds it now; 'gone' when the site has no such item any more. */
type Live = { state: 'found'; copy: SiteCopy; owner: string | null } | { state: 'gone'; message: string };

interface CopyRow {
  remote_id: string;
  title: string;
  excerpt: string;
  content: string;
}

const COMPARED_KINDS = new Set(['wordpress', 'http-json']);
const UNSUPPORTED_MESSAGE = 'Copydesk compares only WordPress and HTTP JSON targets with the site.';

export function createSiteCompare(options: SiteCompareOptions): SiteCompare {
  const { db, targets, secrets } = options;
  const fetchFn = options.fetch ?? fetch;
  const readTimeoutMs = options.readTimeoutMs ?? 20_000;
  const statements = {
    copy: db.prepare<[string, string], CopyRow>(
      `SELECT remote_id, title, excerpt, content FROM site_copies WHERE draft_id = ? AND target_id = ?`,
    ),
    publication: db.prepare<[string, string], { remote_id: string; target_fingerprint: string | null }>(
      `SELECT remote_id, target_fingerprint FROM publications WHERE draft_id = ? AND target_id = ?`,
    ),
    store: db.prepare(
      `INSERT INTO site_copies (draft_id, target_id, remote_id, title, excerpt, content, fetched_at)
       VALUES (@draft_id, @target_id, @remote_id, @title, @excerpt, @content, @now)
       ON CONFLICT (draft_id, target_id) DO UPDATE SET remote_id = excluded.remote_id, title = excluded.title,
         excerpt = excluded.excerpt, content = excluded.content, fetched_at = excluded.fetched_at`,
    ),
  };

  const readWordPress = async (target: TargetRecord, remoteId: string): Promise<Live> => {
    const config = WordPressConfigSchema.parse(target.config);
    const client = new WordPressClient(
      new URL(config.siteUrl),
      config.username,
      secrets.get(target.id),
      fetchFn,
      AbortSignal.timeout(readTimeoutMs),
    );
    const post = await client.call({
      route: `/wp/v2/posts/${encodeURIComponent(remoteId)}`,
      query: { context: 'edit' },
      context: { action: 'reading the article on the site', credentials: WORDPRESS_CREDENTIALS },
    });
    const fields = EditablePostSchema.safeParse(post);
    if (!fields.success) {
      const name = String(fields.error.issues[0]?.path[0] ?? 'content');
      throw new PublishError(
        'permanent',
        `The site's reply has no editable ${name}. Check that the WordPress user may edit this post.`,
      );
    }
    return {
      state: 'found',
      copy: {
        title: fields.data.title.raw,
        excerpt: fields.data.excerpt.raw,
        content: fields.data.content.raw,
      },
      owner: null,
    };
  };

  const readHttpJson = async (target: TargetRecord, remoteId: string): Promise<Live> => {
    const config = HttpJsonConfigSchema.parse(target.config);
    const url = httpJsonItemUrl(config, remoteId);
    const reply = await readHttpJsonItem(
      fetchFn,
      url,
      secrets.get(target.id),
      AbortSignal.timeout(readTimeoutMs),
    );
    if (reply === null) {
      return {
        state: 'gone',
        message: `The endpoint has no item ${remoteId} any more (it was deleted there), so there is nothing to compare. “Publish now” publishes the article there as a new item.`,
      };
    }
    const item = HttpJsonItemSchema.safeParse(reply);
    if (!item.success) {
      const path = item.error.issues[0]?.path.join('.') ?? 'article';
      throw new PublishError(
        'permanent',
        `The endpoint's reply to GET ${url.pathname} does not include the article's text ("${path}" is missing or not text), so Copydesk cannot see what the site holds. Ask the endpoint's developers to answer that GET with article.headline, article.standfirst and html, as "Read before update" in the HTTP JSON contract (Copydesk's publishing guide) describes.`,
      );
    }
    return {
      state: 'found',
      copy: {
        title: item.data.article.headline,
        excerpt: item.data.article.standfirst,
        content: articleBodyHtml(item.data.html),
      },
      owner: itemOwner(reply),
    };
  };

  /** The live article, or null when the target is not one Copydesk compares. */
  const readLive = async (target: TargetRecord | null, remoteId: string): Promise<Live | null> => {
    if (target?.kind === 'wordpress') return readWordPress(target, remoteId);
    if (target?.kind === 'http-json') return readHttpJson(target, remoteId);
    return null;
  };

  /** A failure's message with every trace of the target's secret hidden. */
  const safeMessage = (target: TargetRecord, message: string): string =>
    redactSecret(message, secrets.get(target.id), target.config);

  const keep = (draftId: string, targetId: string, remoteId: string, copy: SiteCopy): void => {
    statements.store.run({
      draft_id: draftId,
      target_id: targetId,
      remote_id: remoteId,
      ...copy,
      now: options.now(),
    });
  };

  /**
   * Whether the next publish updates this publication, rather than creating
   * anew because the target's address changed since (fingerprint.ts).
   */
  const isCurrent = (publication: { target_fingerprint: string | null }, target: TargetRecord): boolean =>
    publication.target_fingerprint === null ||
    publication.target_fingerprint === targetFingerprint(target.kind, target.config);

  /** The live copy when it can be compared; otherwise why not, in words for the editor. */
  const readComparable = async (
    draftId: string,
    target: TargetRecord,
    remoteId: string,
  ): Promise<{ copy: SiteCopy } | { message: string }> => {
    let live: Live | null;
    try {
      live = await readLive(target, remoteId);
    } catch (error) {
      if (error instanceof PublishError) return { message: safeMessage(target, error.message) };
      throw error;
    }
    if (!live) return { message: UNSUPPORTED_MESSAGE };
    if (live.state === 'gone') return { message: live.message };
    if (live.owner !== null && live.owner !== draftId) {
      return {
        message: `The item ${remoteId} at the endpoint is not this article any more (it names another draft, or none), so Copydesk leaves it alone: “Publish now” publishes this article there as a new item.`,
      };
    }
    return { copy: live.copy };
  };

  return {
    async remember(draftId, targetId, remoteId) {
      const target = targets.find(targetId);
      let live: Live | null;
      try {
        live = await readLive(target, remoteId);
      } catch (error) {
        // Logged by the caller: without the target's secret.
        if (target && error instanceof PublishError)
          throw new PublishError(error.kind, safeMessage(target, error.message), error.details);
        throw error;
      }
      if (live?.state === 'found' && db.open) keep(draftId, targetId, remoteId, live.copy);
    },

    async check(draftId, targetId) {
      const target = targets.find(targetId);
      const publication = statements.publication.get(draftId, targetId);
      if (!publication) return { state: 'not-published' };
      if (!target || !COMPARED_KINDS.has(target.kind)) return { state: 'unsupported' };
      if (!isCurrent(publication, target)) return { state: 'not-published' };
      const kept = statements.copy.get(draftId, targetId);
      const live = await readComparable(draftId, target, publication.remote_id);
      if ('message' in live) return { state: 'unreachable', message: live.message };
      // No copy to compare with (published before Copydesk kept copies, or reading it back failed):
      // nothing is known to have changed. A site that cannot be read at all was said above.
      if (!kept || kept.remote_id !== publication.remote_id) return { state: 'not-published' };
      const { copy } = live;
      if (copy.title === kept.title && copy.excerpt === kept.excerpt && copy.content === kept.content) {
        return { state: 'same' };
      }
      return { state: 'changed', published: toText(kept, target.kind), site: toText(copy, target.kind) };
    },

    async resolve(draftId, targetId, choice) {
      const target = targets.find(targetId);
      const publication = statements.publication.get(draftId, targetId);
      if (!target || !publication || !isCurrent(publication, target))
        throw new AppFailure('not_found', 'This article was not published to that target yet.');
      if (!COMPARED_KINDS.has(target.kind)) throw new AppFailure('unsupported', UNSUPPORTED_MESSAGE);
      const live = await readComparable(draftId, target, publication.remote_id);
      if ('message' in live) throw new AppFailure('network', live.message);
      let label: string | null = null;
      if (choice === 'keep') {
        const draft = options.drafts.get(draftId);
        const text = toText(live.copy, target.kind);
        const meta: ArticleMeta = {
          ...emptyMeta(),
          ...draft.meta,
          headline: text.title,
          standfirst: text.excerpt,
        };
        const body = JSON.stringify(
          wrapEditorState({
            root: {
              type: 'root',
              version: 1,
              children: text.text
                .split('\n\n')
                .filter((block) => block.trim() !== '')
                .map((block) => ({
                  type: 'paragraph',
                  version: 1,
                  children: [
                    {
                      type: 'text',
                      version: 1,
                      text: block,
                      format: 0,
                      detail: 0,
                      mode: 'normal',
                      style: '',
                    },
                  ],
                })),
            },
          }),
        );
        label = `Site changes from ${target.name}`;
        options.drafts.recordRevision(draftId, {
          kind: 'site-changes',
          label,
          content: { revision: draft.revision, meta, body },
        });
      }
      keep(draftId, targetId, publication.remote_id, live.copy);
      return { label };
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of stored HTML (WordPress's, an HTTP JSON article body): blocks become paragraphs, tags and block comments go. */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(p|h[1-6]|li|blockquote|figcaption|figure|div|pre)>|<br\s*\/?>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X'))
        return String.fromCodePoint(parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? match;
    })
    .split(/\n{2,}/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block !== '')
    .join('\n\n');
}

/**
 * The body of an article Copydesk rendered (src-shared/render/renderArticle.ts):
 * what is inside <div class="article-body">, without the header (type label,
 * kicker, headline, lead figure, standfirst, byline). The whole html when it
 * has no such div (the site restructured it).
 */
export function articleBodyHtml(html: string): string {
  const open = /<div\b[^>]*\bclass\s*=\s*["']article-body["'][^>]*>/i.exec(html);
  if (!open) return html;
  const start = open.index + open[0].length;
  const end = html.toLowerCase().lastIndexOf('</div>');
  return end >= start ? html.slice(start, end).trim() : html;
}

/**
 * A copy as a person reads it. WordPress stores title and excerpt as HTML;
 * an HTTP JSON endpoint answers headline and standfirst as plain text (as
 * Copydesk sent them), so only their spaces are tidied.
 */
function toText(copy: SiteCopy, kind: TargetRecord['kind']): SiteText {
  const plain = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const line = kind === 'http-json' ? plain : htmlToText;
  return { title: line(copy.title), excerpt: line(copy.excerpt), text: htmlToText(copy.content) };
}

export function createSiteHandlers(site: SiteCompare): Pick<Handlers, 'site:check' | 'site:resolve'> {
  return {
    'site:check': ({ draftId, targetId }) => site.check(draftId, targetId),
    'site:resolve': ({ draftId, targetId, choice }) => site.resolve(draftId, targetId, choice),
  };
}
