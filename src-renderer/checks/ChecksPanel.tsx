// The panel "Checks" beside the article: every finding of every check, in
// reading order, each naming its place. A finding jumps to its place, applies
// its fix, adds its word to a dictionary or is ignored for this article.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleMeta } from '../../src-shared/article';
import { CHECK_CATEGORY_LABELS, withSuggestions, type CheckFinding } from '../../src-shared/checks/findings';
import type { Finding } from '../../src-shared/checks/prePublishChecks';
import {
  SPELLING_LANGUAGES,
  SPELLING_LANGUAGE_LABELS,
  type ChecksSettings,
  type SpellingLanguage,
} from '../../src-shared/ipc/checksChannels';
import { call } from '../api';
import { focusFinding } from '../publish/focusFinding';
import { findBodyEditor } from './bodyEditor';
import { applyBodyFix, fixedFieldValue, isTextField, selectBodyRange } from './applyFix';
import { HouseStyleDialog } from './HouseStyleDialog';
import { SpamListDialog } from './SpamListDialog';
import { useChecks } from './useChecks';
import './checks.css';

const PAGE = 60;

interface ChecksPanelProps {
  draftId: string;
  meta: ArticleMeta;
  readOnly: boolean;
  onMetaChange(change: Partial<ArticleMeta>): void;
  onClose(): void;
}

const SEVERITY_LABELS: Record<CheckFinding['severity'], string> = {
  blocking: 'Blocks publishing',
  warning: 'Check',
  advice: 'Advice',
};

function asPublishFinding(finding: CheckFinding): Finding {
  const { field, nodeIndex, imageHash } = finding.location;
  return {
    id: finding.id,
    severity: finding.severity === 'blocking' ? 'blocking' : 'warning',
    message: finding.message,
    location: {
      field,
      ...(nodeIndex !== undefined ? { nodeIndex } : {}),
      ...(imageHash !== undefined ? { imageHash } : {}),
    },
  };
}

type FindingAction =
  | { kind: 'jump'; finding: CheckFinding }
  | { kind: 'fix'; finding: CheckFinding; replacement: string }
  | { kind: 'ignore'; finding: CheckFinding }
  | { kind: 'addWord'; word: string; dictionary: 'personal' | 'desk' };

const FindingsList = memo(function FindingsList({
  findings,
  readOnly,
  onAction,
}: {
  findings: CheckFinding[];
  readOnly: boolean;
  onAction(action: FindingAction): void;
}): React.JSX.Element {
  return (
    <ul className="checks-list" aria-label="Findings">
      {findings.map((finding, index) => (
        <li
          key={`${finding.key}#${finding.location.nodeIndex ?? ''}#${finding.location.start ?? ''}#${index}`}
          className={`check-finding check-${finding.severity}`}
        >
          <div className="check-finding-head">
            <span className="check-kind">
              {CHECK_CATEGORY_LABELS[finding.category]} · {SEVERITY_LABELS[finding.severity]}
            </span>
            <button
              type="button"
              className="link-button check-place"
              aria-label={`Go to ${finding.place}`}
              onClick={() => onAction({ kind: 'jump', finding })}
            >
              {finding.place}
            </button>
          </div>
          <p className="check-message">{finding.message}</p>
          <div className="check-actions">
            {finding.fix && (
              <button
                type="button"
                disabled={readOnly}
                onClick={() => onAction({ kind: 'fix', finding, replacement: finding.fix!.replacement })}
              >
                {finding.fix.label}
              </button>
            )}
            {finding.alternatives?.map((alternative) => (
              <button
                key={alternative}
                type="button"
                className="quiet"
                disabled={readOnly}
                onClick={() => onAction({ kind: 'fix', finding, replacement: alternative })}
              >
                {`Replace with ${alternative}`}
              </button>
            ))}
            {finding.word && (
              <>
                <button
                  type="button"
                  className="quiet"
                  onClick={() => onAction({ kind: 'addWord', word: finding.word!, dictionary: 'personal' })}
                >
                  Add to dictionary
                </button>
                <button
                  type="button"
                  className="quiet"
                  onClick={() => onAction({ kind: 'addWord', word: finding.word!, dictionary: 'desk' })}
                >
                  Add to desk dictionary
                </button>
              </>
            )}
            {finding.severity !== 'blocking' && (
              <button type="button" className="quiet" onClick={() => onAction({ kind: 'ignore', finding })}>
                Ignore
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
});

export function ChecksPanel({
  draftId,
  meta,
  readOnly,
  onMetaChange,
  onClose,
}: ChecksPanelProps): React.JSX.Element {
  const [shown, setShown] = useState(PAGE);
  const checks = useChecks(draftId, meta, shown);
  const [settings, setSettings] = useState<ChecksSettings | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [styleOpen, setStyleOpen] = useState(false);
  const [spamOpen, setSpamOpen] = useState(false);

  useEffect(() => {
    void call('checks:settings', {}).then((result) => {
      if (result.ok) setSettings(result.value);
    });
  }, []);

  const report = (message: string | null): void => setNotice(message);

  const jump = (finding: CheckFinding): void => {
    focusFinding(asPublishFinding(finding));
    const { location } = finding;
    if (location.start === undefined || location.end === undefined) return;
    const editor = findBodyEditor();
    if (location.field === 'body' && location.part !== 'caption' && editor) {
      selectBodyRange(editor, location);
    } else if (isTextField(location.field) || location.part === 'caption') {
      const control = document.activeElement;
      if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)
        control.setSelectionRange(location.start, location.end);
    }
  };

  const fix = (finding: CheckFinding, replacement: string): void => {
    const { location } = finding;
    if (location.field === 'body') {
      const editor = findBodyEditor();
      const outcome = editor ? applyBodyFix(editor, location, replacement) : 'stale';
      if (outcome === 'applied') report(`Replaced “${location.text ?? ''}” with “${replacement}”.`);
      else if (outcome === 'spans-formatting')
        report(
          'That text is partly formatted (bold, a link…), so fix it by hand; the finding takes you there.',
        );
      else report('The text has changed since it was checked; checking again.');
      if (outcome !== 'applied') checks.refresh();
      return;
    }
    const change = fixedFieldValue(meta, location, replacement);
    if (change) {
      onMetaChange(change);
      report(
        `Replaced “${location.text ?? ''}” with “${replacement}” in the ${finding.place.toLowerCase()}.`,
      );
    } else {
      report('The text has changed since it was checked; checking again.');
      checks.refresh();
    }
  };

  const ignore = async (finding: CheckFinding, ignored: boolean): Promise<void> => {
    const result = await call('checks:ignore', { draftId, key: finding.key, ignored });
    if (!result.ok) report(result.error.message);
    else report(ignored ? 'Ignored for this article.' : 'Shown again.');
    checks.refresh();
  };

  const addWord = async (word: string, dictionary: 'personal' | 'desk'): Promise<void> => {
    const result = await call('checks:addWord', { word, dictionary });
    if (!result.ok) {
      report(result.error.message);
      return;
    }
    setSettings(result.value);
    report(`Added “${word}” to the ${dictionary === 'desk' ? 'desk' : 'personal'} dictionary.`);
    checks.refresh();
  };

  const removeWord = async (word: string, dictionary: 'personal' | 'desk'): Promise<void> => {
    const result = await call('checks:removeWord', { word, dictionary });
    if (!result.ok) {
      report(result.error.message);
      return;
    }
    setSettings(result.value);
    report(`Removed “${word}” from the ${dictionary} dictionary.`);
    checks.refresh();
  };

  const setLanguage = async (language: SpellingLanguage): Promise<void> => {
    const result = await call('checks:setLanguage', { language });
    if (result.ok) setSettings(result.value);
    else report(result.error.message);
    checks.refresh();
  };

  // The list re-renders only when results change, not on every field keystroke: its
  // buttons call one stable function that reaches the current handlers.
  const handlers = useRef({ jump, fix, ignore, addWord });
  useEffect(() => {
    handlers.current = { jump, fix, ignore, addWord };
  });
  const onAction = useCallback((action: FindingAction) => {
    const h = handlers.current;
    if (action.kind === 'jump') h.jump(action.finding);
    else if (action.kind === 'fix') h.fix(action.finding, action.replacement);
    else if (action.kind === 'ignore') void h.ignore(action.finding, true);
    else void h.addWord(action.word, action.dictionary);
  }, []);

  const findings = useMemo(() => checks.result?.findings ?? [], [checks.result]);
  const ignored = checks.result?.ignored ?? [];
  const language = checks.result?.language;
  const [suggestions, setSuggestions] = useState<{ language?: string; words: Map<string, string[]> }>({
    words: new Map(),
  });
  const requested = useRef(new Set<string>());
  const visible = useMemo(
    () =>
      findings.slice(0, shown).map((finding) => {
        const list = finding.word && !finding.fix ? suggestions.words.get(finding.word) : undefined;
        return list && suggestions.language === language ? withSuggestions(finding, list) : finding;
      }),
    [findings, shown, suggestions, language],
  );

  // Suggestions for the spelling findings on screen, asked for after they are shown.
  useEffect(() => {
    if (!language) return;
    const words = [
      ...new Set(visible.filter((f) => f.word && !f.fix).map((f) => `${language}\u0000${f.word!}`)),
    ].filter((key) => !requested.current.has(key));
    if (words.length === 0) return;
    for (const key of words) requested.current.add(key);
    void call('checks:suggest', { words: words.map((key) => key.split('\u0000')[1]!) }).then((result) => {
      if (!result.ok) return;
      setSuggestions((previous) => {
        const next = new Map(previous.language === result.value.language ? previous.words : []);
        for (const [word, list] of Object.entries(result.value.suggestions)) next.set(word, list);
        return { language: result.value.language, words: next };
      });
    });
  }, [visible, language]);
  const status = checks.result
    ? findings.length === 0
      ? 'No problems found.'
      : `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}.`
    : 'Checking…';

  return (
    <aside className="checks-panel" aria-label="Checks">
      <header className="checks-header">
        <h2>Checks</h2>
        <button type="button" className="quiet" onClick={onClose}>
          Close checks
        </button>
      </header>
      <div className="checks-settings">
        <label>
          <span>Spelling</span>
          <select
            aria-label="Spelling language"
            value={settings?.language ?? checks.result?.language ?? 'en-US'}
            onChange={(event) => void setLanguage(event.target.value as SpellingLanguage)}
          >
            {SPELLING_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {SPELLING_LANGUAGE_LABELS[language]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="quiet" onClick={() => setStyleOpen(true)}>
          Edit house style
        </button>
        <button type="button" className="quiet" onClick={() => setSpamOpen(true)}>
          Edit spam list
        </button>
      </div>
      <p className="checks-status" role="status" aria-busy={checks.running}>
        {status}
        {checks.result &&
          ` Checked in ${checks.result.elapsedMs < 1 ? 'under 1' : Math.round(checks.result.elapsedMs)} ms.`}
      </p>
      {notice && (
        <p className="checks-notice" role="status">
          {notice}
        </p>
      )}
      {checks.error && (
        <p className="checks-error" role="alert">
          {checks.error}
        </p>
      )}
      {checks.result?.styleSheetError && (
        <p className="checks-error" role="alert">
          {checks.result.styleSheetError}
        </p>
      )}
      {visible.length > 0 && <FindingsList findings={visible} readOnly={readOnly} onAction={onAction} />}
      {findings.length > visible.length && (
        <button type="button" className="quiet" onClick={() => setShown((n) => n + PAGE)}>
          {`Show ${Math.min(PAGE, findings.length - visible.length)} more`}
        </button>
      )}
      {ignored.length > 0 && (
        <details className="checks-ignored">
          <summary>Ignored for this article ({ignored.length})</summary>
          <ul aria-label="Ignored findings">
            {ignored.map((finding, index) => (
              <li key={`${finding.key}#${index}`}>
                <span>
                  {finding.place}: {finding.message}
                </span>
                <button type="button" className="quiet" onClick={() => void ignore(finding, false)}>
                  Stop ignoring
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {settings && (settings.personal.length > 0 || settings.desk.length > 0) && (
        <details className="checks-ignored">
          <summary>
            Dictionaries ({settings.personal.length} personal, {settings.desk.length} desk)
          </summary>
          {(['personal', 'desk'] as const).map((dictionary) =>
            settings[dictionary].length === 0 ? null : (
              <ul
                key={dictionary}
                aria-label={dictionary === 'desk' ? 'Desk dictionary' : 'Personal dictionary'}
              >
                {settings[dictionary].map((word) => (
                  <li key={word}>
                    <span>{word}</span>
                    <button
                      type="button"
                      className="quiet"
                      aria-label={`Remove “${word}” from the ${dictionary} dictionary`}
                      onClick={() => void removeWord(word, dictionary)}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            ),
          )}
        </details>
      )}
      {spamOpen && (
        <SpamListDialog
          onClose={() => {
            setSpamOpen(false);
            checks.refresh();
          }}
        />
      )}
      {styleOpen && (
        <HouseStyleDialog
          onClose={() => {
            setStyleOpen(false);
            checks.refresh();
          }}
        />
      )}
    </aside>
  );
}
