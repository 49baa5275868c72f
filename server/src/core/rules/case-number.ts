/**
 * Case number rules: the IMR shape CMyy-nnnnnnn, and its year against the application's.
 */
import type { Fix, Rule } from '../diagnostics/context';

export const CASE_NUMBER_RE = /^CM\d{2}-\d{7}$/;

export const caseNumberShape: Rule = {
  code: 'case-number-shape',
  defaultSeverity: 'warning',
  description: 'The case number does not have the shape CMyy-nnnnnnn.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const { letter } = ctx;
    const cn = letter.caseNumber;
    if (!cn) return;
    if (!CASE_NUMBER_RE.test(cn.text)) {
      const fixes: Fix[] = [];
      const repaired = repairCaseNumber(cn.text);
      if (repaired) fixes.push({ title: `Change to ${repaired}`, edits: [{ span: cn.span, newText: repaired }], isPreferred: true });
      ctx.report(
        'case-number-shape',
        cn.span,
        `Case number "${cn.text}" does not have the IMR shape CMyy-nnnnnnn (e.g. CM16-0213037).`,
        { data: { repaired }, ...(fixes.length ? { fixes } : {}) },
      );
    }
  },
};

export const caseNumberYear: Rule = {
  code: 'case-number-year',
  defaultSeverity: 'information',
  description: 'The case number year prefix differs from the year the application was received.',
  cost: 'essential',
  source: 'letter',
  check(ctx) {
    const { letter } = ctx;
    const cn = letter.caseNumber;
    if (!cn || !CASE_NUMBER_RE.test(cn.text)) return;
    // The two-digit prefix is the year the application was received (191 of 194 letters); the
    // exceptions were received on the last days of December and numbered for the next year.
    const received = letter.dates.applicationReceived;
    if (!received?.iso) return;
    const prefix = 2000 + Number(cn.text.slice(2, 4));
    const year = Number(received.iso.slice(0, 4));
    const december = received.iso.slice(5, 7) === '12';
    if (prefix === year || (prefix === year + 1 && december)) return;
    ctx.report(
      'case-number-year',
      { start: cn.span.start, end: cn.span.start + 4 },
      `Case number prefix ${cn.text.slice(0, 4)} does not match the year the application was received (${received.text}); ` +
        'case numbers usually carry that year. Check the case number and the Application Received date.',
      { data: { prefix, received: received.iso } },
    );
  },
};

/** The case number with blanks dropped, capitals and the dash restored, when that gives the shape. */
function repairCaseNumber(s: string): string | null {
  const t = s.replace(/[\s\u00a0]+/g, '').toUpperCase().replace(/[–—_]/g, '-');
  const m = /^CM(\d{2})-?(\d{7})$/.exec(t);
  return m ? `CM${m[1]}-${m[2]}` : null;
}

export const rules: readonly Rule[] = [caseNumberShape, caseNumberYear];
