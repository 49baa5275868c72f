import { item, letter, mark, RuleCase } from './case-letter';

/** An item whose rationale ends with `closing`, expecting a contradiction of its decision. */
function contradicted(decision: 'Upheld' | 'Overturned', closing: string, name: string): RuleCase {
  const heading = `Norco 10/325mg #60: ${decision}`;
  return {
    name: `rationale-contradicts-decision: ${decision}, "${name}"`,
    text: letter(
      item({ decision, rationale: `The records were reviewed. ${closing}` }).replace(`${heading}\n`, mark(heading, decision, 'rationale-contradicts-decision', `is "${decision}" but its rationale concludes`)),
    ),
  };
}

/** An item whose rationale ends with `closing`, agreeing with its decision. */
function agrees(decision: 'Upheld' | 'Overturned', closing: string): RuleCase {
  return { name: `agrees: ${decision}, "${closing.split('\n').join(' ')}"`, text: letter(item({ decision, rationale: `The records were reviewed. ${closing}` })) };
}

/** An item whose rationale states no outcome (the words occur without stating one). */
function noConclusion(closing: string): RuleCase {
  const label = `Decision rationale: The records were reviewed. ${closing}`;
  return {
    name: `rationale-conclusion-not-found: "${closing}"`,
    text: letter(item({ rationale: `The records were reviewed. ${closing}` }).replace(`${label}\n`, mark(label, 'Decision rationale:', 'rationale-conclusion-not-found', 'does not state whether the request is medically necessary'))),
  };
}

export const cases: RuleCase[] = [
  // The corpus's phrasings, each read with its polarity.
  agrees('Upheld', 'Therefore, the request is not medically necessary.'),
  agrees('Upheld', 'The request is not a medical necessity.'),
  agrees('Upheld', 'The medical necessity of the request is not established.'),
  agrees('Upheld', 'Medical necessity for this request has not been established.'),
  agrees('Upheld', 'The request is not medically appropriate.'),
  agrees('Upheld', 'The request cannot be considered medically necessary.'),
  agrees('Upheld', 'The request cannot be deemed medically necessary.'),
  agrees('Upheld', 'Therefore, the request is not necessary.'),
  agrees('Upheld', 'The request would not be medically necessary.'),
  agrees('Upheld', 'The request is not indicated as medically necessary.'),
  agrees('Upheld', 'The records fail to establish medical necessity for the sessions.'),
  agrees('Upheld', 'The request is notmedically necessary and appropriate.'),
  agrees('Overturned', 'The request is medically necessary.'),
  agrees('Overturned', 'Therefore the request is considered medically necessary at this time.'),
  agrees('Overturned', 'Physical therapy for 4 weeks is determined to be medically necessary.'),
  agrees('Overturned', 'Yes, the request was medically necessary, medically appropriate, and indicated here.'),
  agrees('Overturned', 'It was earlier not medically necessary. Now, the request is medically necessary.'),
  agrees('Upheld', 'The request is medically necessary in principle; here the request is not medically necessary.'),
  // Words broken by a space, as some PDF tools print them.
  agrees('Upheld', 'The request is determined to not be medi cally necessary.'),
  agrees('Upheld', 'The request is not consid ered medically necessary.'),
  agrees('Overturned', 'Therefore, the request is medically neces sary.'),
  // Other verbs and subjects.
  agrees('Overturned', 'The reviewer deems the request medically necessary.'),
  agrees('Overturned', 'The reviewer deems the request necessary.'),
  agrees('Overturned', 'I find the requested physical therapy medically necessary.'),
  agrees('Overturned', 'The submitted records establish the medical necessity of the request.'),
  agrees('Overturned', 'The request is clearly medically indicated.'),
  agrees('Upheld', 'This reviewer finds it not supported as necessary.'),
  agrees('Upheld', 'The request is not supported as medically necessary.'),
  agrees('Upheld', 'The reviewer does not deem the request medically necessary.'),
  agrees('Upheld', 'The request is no longer medically necessary.'),
  agrees('Upheld', 'The documentation does not support the medical necessity of the request.'),
  agrees('Upheld', 'Medical necessity had not been established.'),
  agrees('Upheld', 'The request is not considered medically reasonable or necessary.'),
  // A parenthesis inside the verb chain, a negative predicate, a negated verb of judgement.
  agrees('Upheld', 'The request is, therefore, not medically necessary.'),
  agrees('Upheld', 'The request is not, at this time, medically necessary.'),
  agrees('Overturned', "The request is, in this reviewer's opinion, medically necessary."),
  agrees('Upheld', 'The request is hereby found to be not medically necessary.'),
  agrees('Upheld', 'The request is medically unnecessary.'),
  agrees('Upheld', 'The requested surgery is unnecessary.'),
  agrees('Upheld', 'The request is medically inappropriate.'),
  agrees('Upheld', 'I am unable to find the request medically necessary.'),
  agrees('Upheld', 'The records do not support the request as medically necessary.'),
  agrees('Overturned', 'The records support the request as medically necessary.'),
  // The main clause negates the outcome it introduces.
  agrees('Upheld', 'The documentation does not establish that the request is medically necessary.'),
  agrees('Overturned', 'The documentation establishes that the request is medically necessary.'),
  agrees('Upheld', 'It does not appear that the request is medically necessary.'),
  agrees('Upheld', 'Neither the injection nor the imaging is medically necessary.'),
  // Coordinated adjectives ("reasonable and necessary"), "neither ... nor", a bare "necessity",
  // the criteria of medical necessity, a recommendation the reviewer makes or withholds.
  agrees('Overturned', 'Based on the above, this request is medically reasonable and necessary.'),
  agrees('Upheld', 'This request is not medically reasonable or necessary.'),
  agrees('Overturned', 'The requested medication is appropriate and medically necessary.'),
  agrees('Overturned', 'The request is reasonable, appropriate, and medically necessary at this time.'),
  agrees('Upheld', 'The request is neither medically necessary nor appropriate.'),
  agrees('Upheld', 'The request is neither reasonable nor necessary.'),
  agrees('Upheld', 'The necessity of the request has not been established.'),
  agrees('Overturned', 'The clinical necessity of the surgery has been established.'),
  agrees('Upheld', 'The request fails to meet the criteria for medical necessity.'),
  agrees('Upheld', 'The request does not meet the standard of medical necessity.'),
  agrees('Upheld', 'The reviewer cannot recommend the request as medically necessary.'),
  agrees('Overturned', 'Therefore, the request is recommended as medically necessary.'),
  agrees('Upheld', 'Therefore, the request is not recommended as medically necessary.'),
  // A subject that opens with "no" or "none" denies the outcome; so does "there is no".
  agrees('Upheld', 'None of the requested treatments are medically necessary.'),
  agrees('Upheld', 'No further physical therapy is medically necessary.'),
  agrees('Upheld', 'Therefore, no additional sessions are medically necessary.'),
  agrees('Overturned', 'No improvement was noted before and the request is medically necessary now.'),
  agrees('Overturned', 'The request for therapy with no prior trial is medically necessary.'),
  agrees('Upheld', 'There is no medical necessity for the requested MRI.'),
  // A predicate after a conjunction takes the verb of the first conjunct ("is X, but not ...").
  agrees('Upheld', 'The request is medically appropriate, but not medically necessary.'),
  agrees('Upheld', 'The request is reasonable but not medically necessary.'),
  agrees('Upheld', 'The treatment is indicated but not medically necessary at this time.'),
  agrees('Upheld', 'The request is medically appropriate, though not medically necessary.'),
  agrees('Overturned', 'The request was not appropriate before, but is medically necessary now.'),
  agrees('Overturned', 'The request is not appropriate, but medically necessary.'),
  agrees('Upheld', 'The request is medically indicated, not medically necessary.'),
  agrees('Upheld', 'The request is medically appropriate, however not medically necessary.'),
  // A qualified outcome ("X, but not as requested") states none.
  agrees('Upheld', 'The request is not medically necessary. The request is medically appropriate, but not as requested.'),
  agrees('Overturned', 'The request is medically necessary. It was medically unnecessary before, but not now.'),
  // The main clause before "that" denies the outcome, or makes it another's, doubted or explained.
  agrees('Upheld', 'There is insufficient evidence that the request is medically necessary.'),
  agrees('Upheld', 'There is no evidence that the request is medically necessary.'),
  agrees('Upheld', 'The records lack evidence that the request is medically necessary.'),
  agrees('Upheld', 'Nothing in the records shows that the request is medically necessary.'),
  agrees('Upheld', 'It cannot be determined that the request is medically necessary.'),
  agrees('Upheld', 'There is insufficient documentation to support the medical necessity of the request.'),
  agrees('Upheld', 'The documentation is insufficient to establish medical necessity.'),
  agrees('Overturned', 'There is no doubt that the request is medically necessary.'),
  agrees('Overturned', 'I believe that the request is medically necessary.'),
  agrees('Overturned', 'This reviewer finds that the request is medically necessary.'),
  agrees('Upheld', 'The request is not medically necessary. The provider argues that the request is medically necessary.'),
  agrees('Upheld', 'The request is not medically necessary. The treating physician believes the request is medically necessary.'),
  agrees('Upheld', 'The guidelines state that the request is not medically necessary without documented improvement.'),
  agrees('Overturned', 'The records state that the request is medically necessary.'),
  // A clause between commas after the subject.
  agrees('Upheld', 'The request, as submitted, is not medically necessary.'),
  agrees('Upheld', 'Therefore, the request for 12 sessions, which exceeds the guidelines, is not medically necessary.'),
  // Words broken by the extraction.
  agrees('Upheld', 'The request is therefore not medi-\ncally necessary.'),
  agrees('Upheld', 'The request is not\nmedically necessary.'),
  agrees('Overturned', 'The request is medically neces-\nsary.'),
  agrees('Overturned', 'The request is medically-necessary.'),
  // Flipped decisions are caught, whatever the wording.
  contradicted('Upheld', 'Therefore, the request is medically necessary.', 'is medically necessary'),
  contradicted('Overturned', 'There is no documented functional improvement. Therefore, the request is not medically necessary.', 'not medically necessary'),
  contradicted('Upheld', 'The reviewer deems the request medically necessary.', 'deems the request medically necessary'),
  contradicted('Overturned', 'This reviewer finds it not supported as necessary.', 'not supported as necessary'),
  contradicted('Overturned', 'The request is not medi-\ncally necessary.', 'not medi- cally necessary'),
  contradicted('Upheld', 'The request is determined to be medically neces-\nsary.', 'medically neces- sary'),
  contradicted('Overturned', 'Medical necessity has not been established for the requested sessions.', 'medical necessity ... has not been established'),
  contradicted('Overturned', 'The request is, therefore, not medically necessary.', 'is, therefore, not medically necessary'),
  contradicted('Overturned', 'I am unable to find the request medically necessary.', 'unable to find the request medically necessary'),
  contradicted('Overturned', 'The request is medically unnecessary.', 'medically unnecessary'),
  contradicted('Overturned', 'The documentation does not establish that the request is medically necessary.', 'does not establish that'),
  contradicted('Upheld', 'The records support the request as medically necessary.', 'support the request as medically necessary'),
  contradicted('Upheld', 'The request is appropriate and medically necessary.', 'is appropriate and medically necessary'),
  contradicted('Overturned', 'The request is neither reasonable nor necessary.', 'is neither reasonable nor necessary'),
  contradicted('Overturned', 'The request fails to meet the criteria for medical necessity.', 'fails to meet the criteria for medical necessity'),
  contradicted('Overturned', 'No further physical therapy is medically necessary.', 'No further physical therapy is medically necessary'),
  contradicted('Overturned', 'The request is medically appropriate, but not medically necessary.', 'not medically necessary'),
  contradicted('Overturned', 'There is no evidence that the request is medically necessary.', 'no evidence that the request is medically necessary'),
  // The words without an outcome.
  noConclusion('The guideline recommends six visits.'),
  noConclusion('Home health services include services deemed to be medically necessary for patients.'),
  noConclusion('Domestic services may also be medically necessary in addition to skilled care.'),
  noConclusion('Chronic opioid treatment is considered part of a medically necessary treatment program.'),
  noConclusion('It is unclear whether the request is medically necessary.'),
  noConclusion('Surgery is medically necessary when conservative care fails.'),
  noConclusion('It is necessary to document improvement.'),
  noConclusion('In order to establish medical necessity, objective findings are needed.'),
  noConclusion('If there is no medical necessity, the request is denied.'),
  noConclusion('The request is medically appropriate, but not as requested.'),
  noConclusion('The provider opined that the request is medically necessary; however, the guidelines do not support it.'),
  noConclusion('It is unclear why the request is medically necessary.'),
  noConclusion('He stated that the request is medically necessary.'),
  noConclusion('The UR reviewer stated that the request was not medically necessary.'),
  noConclusion('The previous reviewer denied the request, stating that it was not medically necessary.'),
  noConclusion('The provider did not explain why the request is medically necessary.'),
  noConclusion('The request is medically necessary provided that improvement is documented.'),
  noConclusion('The patient is stable and necessary labs were obtained.'),
  noConclusion('Treatment is reasonable and necessary when functional improvement is documented.'),
  noConclusion('ODG recommends physical therapy as medically necessary for up to 10 visits.'),
  noConclusion('The necessity of the request was discussed with the provider.'),
  noConclusion('The criteria for medical necessity include objective findings.'),
  // After a stated outcome, a guideline quote does not change it.
  agrees('Upheld', 'The request is not medically necessary. Per ODG, such care may also be medically necessary.'),
];
