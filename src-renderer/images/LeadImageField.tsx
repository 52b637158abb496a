// The article's lead image, shown above the standfirst: "Set lead image"
// picks a file; once set, a group "Lead image" holds the image with the same
// Caption, Credit and Alt text fields as a body figure, and "Remove lead image".
import { useId, useRef } from 'react';
import { mediaUrl, type ImageRef } from '../../src-shared/image';
import { ImageFields } from './ImageFields';
import { mergeReplacement } from './ImageFigure';
import { ImportMessage, useImageImport } from './useImageImport';
import './images.css';

interface LeadImageFieldProps {
  image: ImageRef | null;
  disabled?: boolean;
  onChange(image: ImageRef | null): void;
}

export function LeadImageField({
  image,
  disabled = false,
  onChange,
}: LeadImageFieldProps): React.JSX.Element {
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = useId();

  const {
    busy,
    message,
    importFile: pick,
  } = useImageImport((picked) => onChange(image ? mergeReplacement(image, picked) : picked));
  const messageView = <ImportMessage message={message} />;
  const picker = (
    <input
      ref={fileInput}
      type="file"
      accept="image/*"
      hidden
      aria-label="Lead image file"
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) void pick(file);
      }}
    />
  );

  if (!image) {
    return (
      <div className="lead-image lead-image-empty">
        <button type="button" disabled={disabled || busy} onClick={() => fileInput.current?.click()}>
          {busy ? 'Adding lead image…' : 'Set lead image'}
        </button>
        {picker}
        {messageView}
      </div>
    );
  }

  return (
    <section className="lead-image" role="group" aria-labelledby={headingId}>
      <h2 id={headingId} className="lead-image-title">
        Lead image
      </h2>
      <img
        className="lead-image-img"
        src={mediaUrl(image.hash)}
        alt={image.alt}
        width={image.width}
        height={image.height}
        decoding="async"
      />
      <ImageFields image={image} disabled={disabled} onChange={(patch) => onChange({ ...image, ...patch })} />
      {messageView}
      <div className="image-figure-actions">
        <button type="button" disabled={disabled || busy} onClick={() => fileInput.current?.click()}>
          {busy ? 'Replacing…' : 'Replace lead image'}
        </button>
        <button type="button" disabled={disabled} onClick={() => onChange(null)}>
          Remove lead image
        </button>
        {picker}
      </div>
    </section>
  );
}
