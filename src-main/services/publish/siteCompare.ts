// "Compare with the site before updating". Right after Copydesk publishes an
// article to WordPress it reads the post back (title, excerpt, content as
// WordPress stores them, context=edit) and keeps that copy (site_copies).
// Before an update goes out, the live post is read again: when it differs
// from the kept copy, someone changed the article on the site, and the update
// waits until the editor chooses "Keep site changes" (the site's text is
// recorded as a History version) or "Overwrite site".
//
// HTTP JSON targets are not compared: their contract documents no GET of an
// article. A site that cannot be reached is not a reason to hold an update
// back (the outbox retries the update itself); check() says so instead.
import type Database from 'better-sqlite3';
import { emptyMeta, type ArticleMeta } from '../../../src-shared/article';
import { wrapEditorState } from '../../../src-shared/body';
import { AppFailure, type Handlers } from '../../../src-shared/ipc';
import type { DraftRepository } from '../drafts/draftRepository';
import { PublishError } from './publishError';
import type { TargetRepository } from './targetRepository';
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
  now(): number;
}

export interface SiteCompare {
  /** Reads the post Copydesk just published and keeps it as the copy to compare with. */
  remember(draftId: string, targetId: string, remoteId: string): Promise<void>;
  check(draftId: string, targetId: string): Promise<SiteCheck>;
  /**
   * The editor's answer to a changed site. 'keep' records the site's text as
   * a History version ("Site changes from <target>"); both answers then take
   * the live copy as the one to compare with, so the update can go out.
   */
  resolve(draftId: string, targetId: string, choice: 'keep' | 'overwrite'): Promise<{ label: string | null }>;
}

interface CopyRow {
  remote_id: string;
  title: string;
  excerpt: string;
  content: string;
}

export function createSiteCompare(options: SiteCompareOptions): SiteCompare {
  const { db, targets, secrets } = options;
  const fetchFn = options.fetch ?? fetch;
  const statements = {
    copy: db.prepare<[string, string], CopyRow>(
      `SELECT remote_id, title, excerpt, content FROM site_copies WHERE draft_id = ? AND target_id = ?`,
    ),
    publication: db.prepare<[string, string], { remote_id: string }>(
      `SELECT remote_id FROM publications WHERE draft_id = ? AND target_id = ?`,
    ),
    store: db.prepare(
      `INSERT INTO site_copies (draft_id, target_id, remote_id, title, excerpt, content, fetched_at)
       VALUES (@draft_id, @target_id, @remote_id, @title, @excerpt, @content, @now)
       ON CONFLICT (draft_id, target_id) DO UPDATE SET remote_id = excluded.remote_id, title = excluded.title,
         excerpt = excluded.excerpt, content = excluded.content, fetched_at = excluded.fetched_at`,
    ),
  };

  /** The live post, or null when the target is not a WordPress site. */
  const readLive = async (targetId: string, remoteId: string): Promise<SiteCopy | null> => {
    const target = targets.find(targetId);
    if (!target || target.kind !== 'wordpress') return null;
    const config = WordPressConfigSchema.parse(target.config);
    const client = new WordPressClient(
      new URL(config.siteUrl),
      config.username,
      secrets.get(target.id),
      fetchFn,
      AbortSignal.timeout(20_000),
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
      title: fields.data.title.raw,
      excerpt: fields.data.excerpt.raw,
      content: fields.data.content.raw,
    };
  };

  const keep = (draftId: string, targetId: string, remoteId: string, copy: SiteCopy): void => {
    statements.store.run({
      draft_id: draftId,
      target_id: targetId,
      remote_id: remoteId,
      ...copy,
      now: options.now(),
    });
  };

  return {
    async remember(draftId, targetId, remoteId) {
      const live = await readLive(targetId, remoteId);
      if (live && db.open) keep(draftId, targetId, remoteId, live);
    },

    async check(draftId, targetId) {
      const publication = statements.publication.get(draftId, targetId);
      if (!publication) return { state: 'not-published' };
      const target = targets.find(targetId);
      if (!target || target.kind !== 'wordpress') return { state: 'unsupported' };
      const kept = statements.copy.get(draftId, targetId);
      if (!kept || kept.remote_id !== publication.remote_id) return { state: 'not-published' };
      let live: SiteCopy | null;
      try {
        live = await readLive(targetId, publication.remote_id);
      } catch (error) {
        if (error instanceof PublishError) return { state: 'unreachable', message: error.message };
        throw error;
      }
      if (!live) return { state: 'unsupported' };
      if (live.title === kept.title && live.excerpt === kept.excerpt && live.content === kept.content) {
        return { state: 'same' };
      }
      return { state: 'changed', published: toText(kept), site: toText(live) };
    },

    async resolve(draftId, targetId, choice) {
      const publication = statements.publication.get(draftId, targetId);
      if (!publication)
        throw new AppFailure('not_found', 'This article was not published to that target yet.');
      let live: SiteCopy | null;
      try {
        live = await readLive(targetId, publication.remote_id);
      } catch (error) {
        if (error instanceof PublishError) throw new AppFailure('network', error.message);
        throw error;
      }
      if (!live)
        throw new AppFailure('unsupported', 'Copydesk compares only WordPress targets with the site.');
      let label: string | null = null;
      if (choice === 'keep') {
        const draft = options.drafts.get(draftId);
        const text = toText(live);
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
        label = `Site changes from ${targets.find(targetId)?.name ?? 'the site'}`;
        options.drafts.recordRevision(draftId, {
          kind: 'site-changes',
          label,
          content: { revision: draft.revision, meta, body },
        });
      }
      keep(draftId, targetId, publication.remote_id, live);
      return { label };
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of stored WordPress HTML: blocks become paragraphs, tags and block comments go. */
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

function toText(copy: SiteCopy): SiteText {
  return { title: htmlToText(copy.title), excerpt: htmlToText(copy.excerpt), text: htmlToText(copy.content) };
}

export function createSiteHandlers(site: SiteCompare): Pick<Handlers, 'site:check' | 'site:resolve'> {
  return {
    'site:check': ({ draftId, targetId }) => site.check(draftId, targetId),
    'site:resolve': ({ draftId, targetId, choice }) => site.resolve(draftId, targetId, choice),
  };
}
