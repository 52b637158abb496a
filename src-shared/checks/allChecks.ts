// Everything the Checks panel lists, in reading order: the pre-publish
// checklist plus the copy checks, with the findings the editor ignored for
// this article set apart. Pure; the services supply the speller and the
// style sheet.
import { runCopyChecks, type CopyCheckCache, type Speller } from './copyChecks';
import { compareFindings, fromPrePublishFinding, type CheckFinding } from './findings';
import type { HouseStyle } from './houseStyle';
import { runChecks, type CheckableArticle } from './prePublishChecks';

export interface AllChecksOptions {
  spamDomains: readonly string[];
  style: HouseStyle;
  speller?: Speller;
  /** Keys ignored for this article. Blocking findings are never hidden. */
  ignored?: ReadonlySet<string>;
  /** Results of earlier runs over this article (copyChecks.ts), so a run re-checks only changed text. */
  cache?: CopyCheckCache;
}

export interface AllChecksResult {
  findings: CheckFinding[];
  ignored: CheckFinding[];
}

const overlaps = (a: CheckFinding, b: CheckFinding): boolean =>
  a.location.field === b.location.field &&
  a.location.nodeIndex === b.location.nodeIndex &&
  a.location.start !== undefined &&
  b.location.start !== undefined &&
  a.location.start < (b.location.end ?? b.location.start) &&
  b.location.start < (a.location.end ?? a.location.start);

export function runAllChecks(article: CheckableArticle, options: AllChecksOptions): AllChecksResult {
  const publish = runChecks(article, { spamDomains: options.spamDomains }).map(fromPrePublishFinding);
  const copy = runCopyChecks(
    article,
    { style: options.style, ...(options.speller ? { speller: options.speller } : {}) },
    options.cache,
  );
  // A word the style sheet or the name check already corrects is not also a spelling finding.
  const corrected = copy.filter((f) => f.category !== 'spelling' && f.fix !== undefined);
  const publishIds = new Set(publish.map((f) => f.id));
  const all = [
    ...publish,
    ...copy.filter(
      (f) =>
        !(f.category === 'spelling' && corrected.some((c) => overlaps(c, f))) &&
        !(f.id === 'headline-length' && publishIds.has('headline-long')),
    ),
  ].sort(compareFindings);
  const ignoredKeys = options.ignored ?? new Set<string>();
  const findings: CheckFinding[] = [];
  const ignored: CheckFinding[] = [];
  for (const finding of all) {
    if (finding.severity !== 'blocking' && ignoredKeys.has(finding.key)) ignored.push(finding);
    else findings.push(finding);
  }
  return { findings, ignored };
}
