// The open article: its fields, the body editor and the save status. Field
// edits re-render this form but never the body editor (memoized, stable props).
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  ARTICLE_TYPES,
  ARTICLE_TYPE_LABELS,
  LIMITS,
  type ArticleMeta,
  type ArticleType,
  type Draft,
} from '../../src-shared/article';
import { BodyFormatError, parseBody, type BodyEnvelope } from '../../src-shared/body';
import { slugify } from '../../src-shared/slug';
import type { ImageRef } from '../../src-shared/image';
import type { DraftSession } from '../autosave/draftSession';
import { ArticleEditor, type BodyHandle } from '../editor/ArticleEditor';
import { parseTags } from '../format';
import { SaveStatus } from './SaveStatus';
import { PublishButton } from '../publish/PublishButton';
import { ArticleTools } from '../checks/ArticleTools';
import { LeadImageField } from '../images/LeadImageField';
import { LeadImageContext } from '../images/leadImageContext';
import { ArticleHistoryBar } from '../history/ArticleHistoryBar';

export interface ArticlePaneProps {
  draft: Draft;
  session: DraftSession;
  onDelete: () => void;
  focusHeadline: boolean;
  /** Status changed, or (reload) the stored text changed: a restore from History. */
  onDraftChanged: (draft: Draft, reload: boolean) => void;
}

function tryParseBody(json: string): { envelope: BodyEnvelope } | { error: string } {
  try {
    return { envelope: parseBody(json) };
  } catch (error) {
    const message = error instanceof BodyFormatError ? error.message : 'The article body could not be read.';
    return { error: `${message} Nothing has been changed or saved.` };
  }
}

function ArticlePaneImpl({
  draft,
  session,
  onDelete,
  focusHeadline,
  onDraftChanged,
}: ArticlePaneProps): React.JSX.Element {
  const [meta, setMeta] = useState<ArticleMeta>(() => session.getMeta());
  const [tagsText, setTagsText] = useState(() => session.getMeta().tags.join(', '));
  const parsed = useMemo(() => tryParseBody(draft.body), [draft.body]);
  const [loadError, setLoadError] = useState<string | null>('error' in parsed ? parsed.error : null);
  const headlineRef = useRef<HTMLTextAreaElement>(null);
  const ids = { tags: useId(), tagsHint: useId(), slug: useId(), slugHint: useId() };
  const readOnly = loadError !== null;

  useEffect(() => {
    if (readOnly) session.markReadOnly();
  }, [readOnly, session]);

  useEffect(() => {
    if (focusHeadline) headlineRef.current?.focus();
  }, [focusHeadline]);

  const update = (change: Partial<ArticleMeta>): void => {
    const next = { ...session.getMeta(), ...change };
    if (!next.slugEdited) next.slug = slugify(next.headline);
    session.updateMeta(next);
    setMeta(next);
  };

  const flush = useCallback(() => void session.flush(), [session]);
  const onBodyChange = useCallback(() => session.markDirty(), [session]);
  const onBodyReady = useCallback((handle: BodyHandle) => session.attachBody(handle), [session]);
  const onBodyLoadError = useCallback((message: string) => setLoadError(message), []);
  const promoteToLeadImage = useCallback((image: ImageRef) => update({ leadImage: image }), []); // eslint-disable-line react-hooks/exhaustive-deps

  const text = (field: 'kicker' | 'byline' | 'bylineRole') => ({
    value: meta[field],
    maxLength: LIMITS.shortField,
    disabled: readOnly,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => update({ [field]: event.target.value }),
    onBlur: flush,
  });

  return (
    <article className="article-pane" aria-label="Article">
      <div className="article-actions">
        <SaveStatus session={session} readOnly={readOnly} />
        <ArticleTools
          draftId={draft.id}
          meta={meta}
          readOnly={readOnly}
          flush={() => session.flush()}
          onMetaChange={update}
        />
        <PublishButton draftId={draft.id} flush={() => session.flush()} disabled={readOnly} />
        <button type="button" className="danger-quiet" onClick={onDelete}>
          Delete draft
        </button>
      </div>
      <ArticleHistoryBar
        draft={draft}
        session={session}
        disabled={readOnly}
        onDraftChanged={onDraftChanged}
      />
      {loadError && (
        <div className="load-error" role="alert">
          <strong>This draft cannot be opened.</strong> {loadError}
        </div>
      )}
      <div className="article-fields">
        <label className="field field-kicker">
          <span className="field-label">Kicker</span>
          <input type="text" {...text('kicker')} placeholder="Section or topic" />
        </label>
        <label className="field field-headline">
          <span className="field-label">Headline</span>
          {/* A long headline wraps so the whole of it stays in view; it is still one line of text. */}
          <textarea
            ref={headlineRef}
            rows={1}
            value={meta.headline}
            maxLength={LIMITS.shortField}
            disabled={readOnly}
            placeholder="Headline"
            onChange={(event) => update({ headline: event.target.value.replace(/[\r\n]+/g, ' ') })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.preventDefault();
            }}
            onBlur={flush}
          />
        </label>
        <LeadImageField
          image={meta.leadImage}
          disabled={readOnly}
          onChange={(leadImage) => update({ leadImage })}
        />
        <label className="field field-standfirst">
          <span className="field-label">Standfirst</span>
          <textarea
            rows={2}
            value={meta.standfirst}
            maxLength={LIMITS.standfirst}
            disabled={readOnly}
            placeholder="One or two sentences that say what the article argues or reports"
            onChange={(event) => update({ standfirst: event.target.value })}
            onBlur={flush}
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Byline</span>
            <input type="text" {...text('byline')} autoComplete="name" />
          </label>
          <label className="field">
            <span className="field-label">Byline role</span>
            <input type="text" {...text('bylineRole')} />
          </label>
        </div>
        <div className="field-row field-row-3">
          <label className="field">
            <span className="field-label">Article type</span>
            <select
              value={meta.articleType}
              disabled={readOnly}
              onChange={(event) => update({ articleType: event.target.value as ArticleType })}
              onBlur={flush}
            >
              {ARTICLE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {ARTICLE_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <label className="field-label" htmlFor={ids.tags}>
              Tags
            </label>
            <input
              id={ids.tags}
              type="text"
              value={tagsText}
              disabled={readOnly}
              aria-describedby={ids.tagsHint}
              onChange={(event) => {
                setTagsText(event.target.value);
                update({ tags: parseTags(event.target.value, LIMITS.tags, LIMITS.tag) });
              }}
              onBlur={flush}
            />
            <span id={ids.tagsHint} className="field-hint">
              Separate tags with commas
            </span>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.slug}>
              Slug
            </label>
            <input
              id={ids.slug}
              type="text"
              value={meta.slug}
              maxLength={LIMITS.slug}
              disabled={readOnly}
              spellCheck={false}
              aria-describedby={ids.slugHint}
              onChange={(event) =>
                update({ slug: event.target.value, slugEdited: event.target.value !== '' })
              }
              onBlur={() => {
                const cleaned = slugify(meta.slug, LIMITS.slug);
                if (cleaned !== meta.slug) update({ slug: cleaned, slugEdited: cleaned !== '' });
                flush();
              }}
            />
            <span id={ids.slugHint} className="field-hint">
              {meta.slugEdited
                ? 'Edited by hand — clear it to follow the headline again'
                : 'Follows the headline'}
            </span>
          </div>
        </div>
      </div>
      {'envelope' in parsed && (
        <div className={readOnly ? 'body-hidden' : undefined}>
          <LeadImageContext.Provider value={promoteToLeadImage}>
            <ArticleEditor
              body={parsed.envelope}
              onChange={onBodyChange}
              onReady={onBodyReady}
              onLoadError={onBodyLoadError}
              onBlur={flush}
            />
          </LeadImageContext.Provider>
        </div>
      )}
    </article>
  );
}

/** Re-renders only when its own props change, not when the app around it does (an autosave updating the drafts list). */
export const ArticlePane = memo(ArticlePaneImpl);
