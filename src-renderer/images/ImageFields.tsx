// Caption, Credit and Alt text of one image: plain-text fields (nested
// editors in captions are a known source of Lexical bugs). Used by body
// figures and by the lead image. The fields keep their own text while the
// editor types, so the caret never jumps when the owner stores the change
// asynchronously.
import { useId, useState } from 'react';
import { splitCaptionCredit } from '../../src-shared/captionCredit';
import { IMAGE_TEXT_LIMIT, type ImageRef } from '../../src-shared/image';

type TextField = 'caption' | 'credit' | 'alt';
export type ImageTextPatch = Partial<Pick<ImageRef, TextField | 'fromFile'>>;

interface ImageFieldsProps {
  image: ImageRef;
  disabled?: boolean;
  onChange(patch: ImageTextPatch): void;
}

function FromFileMarker({ id, shown }: { id: string; shown: boolean }): React.JSX.Element | null {
  return shown ? (
    <span
      id={id}
      className="image-from-file"
      title="Read from the image file's own metadata; edit it if it is wrong"
    >
      from file
    </span>
  ) : null;
}

export function ImageFields({ image, disabled = false, onChange }: ImageFieldsProps): React.JSX.Element {
  const [text, setText] = useState({ caption: image.caption, credit: image.credit, alt: image.alt });
  const [editing, setEditing] = useState<TextField | null>(null);
  const ids = {
    alt: useId(),
    credit: useId(),
    captionField: useId(),
    captionFrom: useId(),
    creditField: useId(),
    creditFrom: useId(),
  };

  // Values changed from outside (undo, replace image, split on import) win unless the field is being typed in.
  const [seen, setSeen] = useState({ caption: image.caption, credit: image.credit, alt: image.alt });
  if (seen.caption !== image.caption || seen.credit !== image.credit || seen.alt !== image.alt) {
    setSeen({ caption: image.caption, credit: image.credit, alt: image.alt });
    setText((current) => ({
      caption: editing === 'caption' ? current.caption : image.caption,
      credit: editing === 'credit' ? current.credit : image.credit,
      alt: editing === 'alt' ? current.alt : image.alt,
    }));
  }

  const set = (field: TextField, value: string): void => {
    setText((current) => ({ ...current, [field]: value }));
    const patch: ImageTextPatch = { [field]: value };
    if (field !== 'alt' && image.fromFile[field]) patch.fromFile = { ...image.fromFile, [field]: false };
    onChange(patch);
  };

  /** Moves a credit glued onto the caption ("… Photo: AP") into the Credit field. */
  const splitCaption = (caption: string): boolean => {
    const split = splitCaptionCredit(caption);
    if (split.credit === null) return false;
    const credit = text.credit.trim();
    if (credit !== '' && credit !== split.credit) return false;
    setText((current) => ({ ...current, caption: split.caption, credit: split.credit ?? current.credit }));
    onChange({
      caption: split.caption,
      credit: split.credit,
      fromFile: { ...image.fromFile, caption: false, credit: false },
    });
    return true;
  };

  const focusHandlers = (field: TextField) => ({
    onFocus: () => setEditing(field),
    onBlur: () => setEditing(null),
  });

  const altMissing = text.alt.trim() === '';
  const creditMissing = text.credit.trim() === '';

  return (
    <div className="image-fields">
      <div className="field">
        <span className="field-label">
          <label htmlFor={ids.captionField}>Caption</label>
          <FromFileMarker id={ids.captionFrom} shown={image.fromFile.caption} />
        </span>
        <textarea
          id={ids.captionField}
          aria-describedby={image.fromFile.caption ? ids.captionFrom : undefined}
          rows={2}
          value={text.caption}
          maxLength={IMAGE_TEXT_LIMIT}
          disabled={disabled}
          {...focusHandlers('caption')}
          onChange={(event) => set('caption', event.target.value)}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData('text/plain');
            if (pasted === '') return;
            const target = event.currentTarget;
            const next =
              target.value.slice(0, target.selectionStart) + pasted + target.value.slice(target.selectionEnd);
            if (splitCaption(next)) event.preventDefault();
          }}
          onBlur={(event) => {
            setEditing(null);
            splitCaption(event.target.value);
          }}
        />
      </div>
      <div className="field">
        <span className="field-label">
          <label htmlFor={ids.creditField}>Credit</label>
          <FromFileMarker id={ids.creditFrom} shown={image.fromFile.credit} />
        </span>
        <input
          id={ids.creditField}
          type="text"
          value={text.credit}
          maxLength={IMAGE_TEXT_LIMIT}
          disabled={disabled}
          aria-describedby={
            [creditMissing ? ids.credit : '', image.fromFile.credit ? ids.creditFrom : ''].join(' ').trim() ||
            undefined
          }
          placeholder="Photographer/Agency"
          {...focusHandlers('credit')}
          onChange={(event) => set('credit', event.target.value)}
        />
      </div>
      <label className="field">
        <span className="field-label">Alt text</span>
        <textarea
          rows={2}
          value={text.alt}
          maxLength={IMAGE_TEXT_LIMIT}
          disabled={disabled}
          aria-describedby={altMissing ? ids.alt : undefined}
          placeholder="What the image shows, for readers who cannot see it"
          {...focusHandlers('alt')}
          onChange={(event) => set('alt', event.target.value)}
        />
      </label>
      {(altMissing || creditMissing) && (
        <div className="image-warnings">
          {altMissing && (
            <p id={ids.alt} className="image-warning">
              ⚠ Alt text is empty: readers who cannot see the image rely on it, and publishing needs it.
            </p>
          )}
          {creditMissing && (
            <p id={ids.credit} className="image-warning">
              ⚠ Credit is empty: name the photographer or agency before publishing.
            </p>
          )}
        </div>
      )}
      {image.copyright !== '' && <p className="image-copyright">Copyright in file: {image.copyright}</p>}
    </div>
  );
}
