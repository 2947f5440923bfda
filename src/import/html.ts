/**
 * HTML to plain text for imported post bodies (Stack Exchange): block
 * elements become line breaks, links keep their text, images and code
 * markup go, entities are decoded. Lines are not wrapped.
 */
import { convert, type HtmlToTextOptions } from 'html-to-text';

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable' },
  ],
};

/** The text of an HTML fragment, trimmed, with at most one blank line in a row. */
export function htmlToPlainText(html: string): string {
  return convert(html, OPTIONS).replace(/\n{3,}/g, '\n\n').trim();
}
