import type { ReactElement, ReactNode } from 'react';
import { GLOSSARY, type Term as TermName } from '../glossary';

/**
 * A term with its plain-words explanation as a tooltip (hover, or focus with the keyboard).
 *
 * @example <Term t="RPO" />  <Term t="fence">fenced</Term>
 */
export function Term({ t, children }: { t: TermName; children?: ReactNode }): ReactElement {
  return (
    <abbr className="term" title={GLOSSARY[t]} tabIndex={0} data-term={t}>
      {children ?? t}
    </abbr>
  );
}
