import type { EditorThemeClasses } from 'lexical';

/** Class names the body's CSS (editor/editor.css, "Body editor") is written against. */
export const articleTheme: EditorThemeClasses = {
  paragraph: 'body-p',
  heading: { h2: 'body-h2', h3: 'body-h3' },
  quote: 'body-quote',
  pullQuote: 'body-pull-quote',
  list: { ul: 'body-ul', ol: 'body-ol', listitem: 'body-li', nested: { listitem: 'body-li-nested' } },
  link: 'body-link',
  hr: 'body-hr',
  text: {
    bold: 'body-bold',
    italic: 'body-italic',
    underline: 'body-underline',
    strikethrough: 'body-strike',
    underlineStrikethrough: 'body-underline-strike',
  },
};
